// clover nlu: what the NLU understands in an utterance: intent, confidence, slots and the
// alternatives, from a model file or an extension's model on the platform (compiled locally:
// the management API has no recognition endpoint).
import type { Recognition } from "@clover/nlu";
import type { InteractionModel } from "@clover/protocol";
import type { Command } from "commander";
import { managementApi, outputOf, withPlatform } from "../core/command.js";
import { CliError, EXIT } from "../core/errors.js";
import type { Output } from "../core/output.js";

interface NluOptions {
  ext?: string;
  model?: string;
  language: string;
  threshold?: string;
  timeZone?: string;
}

const percent = (n: number) => `${(n * 100).toFixed(1)}%`;

function print(out: Output, text: string, r: Recognition): void {
  const c = out.c;
  out.line(`${c.dim("utterance")}  ${text}`);
  out.line(
    `${c.dim("intent   ")}  ${r.intent ? c.bold(r.intent) : c.yellow("(none)")}  ${percent(r.confidence)}  ${c.dim(`(${r.layer})`)}`,
  );
  for (const slot of Object.values(r.slots)) {
    const resolved = slot.resolvedFrom ? ` ← "${slot.resolvedFrom}"` : "";
    const unit = slot.unit ? ` ${slot.unit}` : "";
    out.line(
      `${c.dim("slot     ")}  ${slot.name} = ${c.green(JSON.stringify(slot.value))}${unit}${resolved}  ${c.dim(`${slot.type}, said "${slot.raw}"`)}`,
    );
  }
  if (r.alternatives.length > 0) {
    out.line(c.dim("alternatives"));
    for (const a of r.alternatives.slice(0, 5))
      out.line(`  ${a.intent.padEnd(28)} ${percent(a.confidence)}`);
  }
}

export function registerNlu(program: Command): void {
  withPlatform(
    program
      .command("nlu")
      .description("show what the NLU understands: intent, confidence, slots, alternatives")
      .argument("<utterance>", "what the user says (without the invocation name)")
      .option("--model <file>", "model JSON/YAML file or TSV directory")
      .option("--ext <id>", "the model of this extension on the platform")
      .option("-l, --language <lang>", "language of the extension's model (with --ext)", "en")
      .option("--threshold <0..1>", "minimum confidence for an intent (default 0.5)")
      .option("--time-zone <iana>", "time zone for dates and times (e.g. Asia/Tokyo)"),
  ).action(async (text: string, o: NluOptions, command: Command) => {
    const out = outputOf(command);
    if (Boolean(o.ext) === Boolean(o.model))
      throw new CliError("give one of --model <file> or --ext <id>", EXIT.usage);
    const { compileModel } = await import("@clover/nlu");
    const { hasErrors, loadModel } = await import("../model/load.js");
    let model: InteractionModel;
    if (o.model) {
      const loaded = loadModel(o.model);
      if (!loaded.model || hasErrors(loaded.issues))
        throw new CliError(
          `${o.model}: invalid model`,
          EXIT.failure,
          `run \`clover model validate ${o.model}\``,
        );
      model = loaded.model;
    } else {
      const api = managementApi(command);
      model = await out.progress(
        "fetching the model",
        api.request<InteractionModel>(
          "GET",
          `/api/v1/extensions/${encodeURIComponent(o.ext!)}/models/${encodeURIComponent(o.language)}`,
        ),
      );
    }
    const threshold = o.threshold === undefined ? undefined : Number(o.threshold);
    if (threshold !== undefined && !(threshold >= 0 && threshold <= 1))
      throw new CliError(
        `--threshold: expected a number from 0 to 1, got ${o.threshold}`,
        EXIT.usage,
      );
    const recognizer = await out.progress("compiling the model", async () =>
      compileModel(model, threshold === undefined ? {} : { threshold }),
    );
    const recognition = recognizer.recognize(text, o.timeZone ? { timeZone: o.timeZone } : {});
    out.result({ utterance: text, language: recognizer.language, ...recognition }, () =>
      print(out, text, recognition),
    );
  });
}
