// The docs' own style sheet, added to Redoc's page: a layout for reading at
// desktop widths (test/docs/browser.test.ts measures it at 1440 and 390 px).
export const LAYOUT_CSS = `
:root {
  /* Redoc splits the content 50/50; prose gets 60%, the samples 40%. */
  --panel-samples-width: 40%;
  /* Code wraps at spaces instead of running out of its box. */
  --code-wrap: pre-wrap;
}
/* A section with nothing on the right (the introduction's sections, the deviations) gives its prose the whole width. */
[data-testid="middle-panel"]:has(+ [data-testid="right-panel"]:empty),
[data-testid="middle-panel"]:last-child {
  width: 100%;
}
/* Tables break between words, never inside one; a table wider than its column scrolls. */
[data-component-name="Markdown/Markdown"] table {
  display: block;
  max-width: 100%;
  overflow-x: auto;
}
[data-component-name="Markdown/Markdown"] th,
[data-component-name="Markdown/Markdown"] td,
[data-component-name="Markdown/Markdown"] th *,
[data-component-name="Markdown/Markdown"] td * {
  overflow-wrap: normal;
  word-break: normal;
}
[data-component-name="Markdown/Markdown"] td code,
[data-component-name="Markdown/Markdown"] th code {
  white-space: nowrap;
}
/* What cannot wrap (a long URL) scrolls, with a scroll bar that shows. */
pre {
  overflow-x: auto;
  scrollbar-width: thin;
}
`;
