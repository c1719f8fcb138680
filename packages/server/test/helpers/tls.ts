// A throwaway TLS certificate for the tests that speak HTTPS or HTTP/2 over TLS to a server on
// loopback.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

let material: { key: string; cert: string } | undefined;

/** A self-signed certificate for 127.0.0.1 and localhost (openssl), made once per process. */
export function testTls(): { key: string; cert: string } {
  if (material) return material;
  const dir = mkdtempSync(join(tmpdir(), "clover-tls-"));
  try {
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-days",
        "1",
        "-subj",
        "/CN=localhost",
        "-addext",
        "subjectAltName=IP:127.0.0.1,DNS:localhost",
        "-keyout",
        join(dir, "key.pem"),
        "-out",
        join(dir, "cert.pem"),
      ],
      { stdio: "ignore" },
    );
    material = {
      key: readFileSync(join(dir, "key.pem"), "utf8"),
      cert: readFileSync(join(dir, "cert.pem"), "utf8"),
    };
    return material;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
