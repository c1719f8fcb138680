// Files in and out of the browser: downloads from memory, uploads read as text.

export function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Asks for files (accept: ".json", ".tsv") and resolves with their names and text. */
export function pickFiles(
  accept: string,
  multiple = false,
): Promise<{ name: string; text: string }[]> {
  return new Promise((resolve) => {
    const input = document.createElement("input");
    input.type = "file";
    input.accept = accept;
    input.multiple = multiple;
    input.addEventListener("change", async () => {
      const files = [...(input.files ?? [])];
      resolve(await Promise.all(files.map(async (f) => ({ name: f.name, text: await f.text() }))));
    });
    input.click();
  });
}

/** `ThrowDiceIntent.tsv` → `ThrowDiceIntent` (the Clova console names files after the intent). */
export const baseName = (file: string) => file.replace(/^.*[\\/]/, "").replace(/\.tsv$/i, "");
