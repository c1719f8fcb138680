// The shell: sign-in gate, navigation, and the page of the current route.
import { lazy, Suspense, useEffect, useState } from "react";
import { Activate } from "./activate/Activate.js";
import { token } from "./api.js";
import { ExtensionTest } from "./extension-test/ExtensionTest.js";
import { Alerts } from "./pages/Alerts.js";
import { ConversationLog } from "./pages/ConversationLog.js";
import { ExtensionDetail } from "./pages/ExtensionDetail.js";
import { ExtensionForm } from "./pages/ExtensionForm.js";
import { Extensions } from "./pages/Extensions.js";
import { Home } from "./pages/Home.js";
import { Schedule } from "./pages/Schedule.js";
import { SignIn } from "./pages/SignIn.js";
import { Simulator } from "./pages/Simulator.js";
import { linkProps, navigate, useRoute } from "./router.js";

// The pages that carry the recognizer (@clover/nlu) load on first use.
const ModelEditor = lazy(() =>
  import("./pages/ModelEditor.js").then((m) => ({ default: m.ModelEditor })),
);
const NluTester = lazy(() =>
  import("./pages/NluTester.js").then((m) => ({ default: m.NluTester })),
);

const NAV = [
  { to: "/", label: "Extensions" },
  { to: "/nlu", label: "NLU tester" },
  { to: "/simulator", label: "Simulator" },
  { to: "/log", label: "Conversation log" },
  { to: "/home", label: "Home" },
  { to: "/alerts", label: "Alerts" },
  { to: "/schedule", label: "Schedule" },
  { to: "/activate", label: "Activate a device" },
];

function page(route: string) {
  if (route === "/") return <Extensions />;
  if (route === "/extensions/new") return <ExtensionForm />;
  const edit = /^\/extensions\/([^/]+)\/edit$/.exec(route);
  if (edit) return <ExtensionForm id={decodeURIComponent(edit[1]!)} />;
  const model = /^\/extensions\/([^/]+)\/models\/(en|ja|ko)$/.exec(route);
  if (model) return <ModelEditor id={decodeURIComponent(model[1]!)} language={model[2] as "en"} />;
  const test = /^\/extensions\/([^/]+)\/test$/.exec(route);
  if (test) return <ExtensionTest id={decodeURIComponent(test[1]!)} />;
  const detail = /^\/extensions\/([^/]+)$/.exec(route);
  if (detail) return <ExtensionDetail id={decodeURIComponent(detail[1]!)} />;
  if (route === "/nlu") return <NluTester />;
  if (route === "/simulator") return <Simulator />;
  if (route === "/log") return <ConversationLog />;
  if (route === "/activate") return <Activate />;
  if (route === "/alerts") return <Alerts />;
  if (route === "/home") return <Home />;
  if (route === "/schedule") return <Schedule />;
  return (
    <section>
      <h1>Not found</h1>
      <p>
        There is no console page at <code>{route}</code>. <a {...linkProps("/")}>Extensions</a>
      </p>
    </section>
  );
}

export function App() {
  const route = useRoute();
  const [signedIn, setSignedIn] = useState(() => token.get() !== null);
  useEffect(() => {
    const expired = () => {
      token.clear();
      setSignedIn(false);
    };
    window.addEventListener("clover:unauthorized", expired);
    return () => window.removeEventListener("clover:unauthorized", expired);
  }, []);
  useEffect(() => {
    const heading = document.querySelector("main h1");
    document.title = heading ? `${heading.textContent} · Clover console` : "Clover console";
  });

  // A device's verification URI: users approve with their own account token, no sign-in.
  if (!signedIn && route === "/activate")
    return (
      <main id="main">
        <Activate />
      </main>
    );
  if (!signedIn) return <SignIn onSignedIn={() => setSignedIn(true)} />;
  const current = (to: string) =>
    to === "/" ? route === "/" || route.startsWith("/extensions") : route.startsWith(to);
  return (
    <>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="top">
        <a className="brand" {...linkProps("/")}>
          Clover console
        </a>
        <nav aria-label="Main">
          {NAV.map((item) => (
            <a
              key={item.to}
              {...linkProps(item.to)}
              aria-current={current(item.to) ? "page" : undefined}
            >
              {item.label}
            </a>
          ))}
        </nav>
        <button
          type="button"
          className="quiet"
          onClick={() => {
            token.clear();
            setSignedIn(false);
            navigate("/");
          }}
        >
          Sign out
        </button>
      </header>
      <main id="main">
        <Suspense fallback={<p aria-live="polite">Loading…</p>}>{page(route)}</Suspense>
      </main>
    </>
  );
}
