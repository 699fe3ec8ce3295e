"""The review page's stylesheet, inlined in the page: on screen two columns, printed one."""

from __future__ import annotations

# Problems are marked by a symbol and words as well as colour (✗ unsupported, ! uncited), so the
# page reads the same printed in black and white; colours are kept when printing for the rest.
CSS = """
:root {
  --ink: #1a1a1a; --muted: #59606b; --rule: #d5d9e0; --panel: #f6f7f9;
  --ok: #1e6b34; --ok-bg: #e2f2e6; --bad: #b3261e; --bad-bg: #fde3df;
  --warn: #7a4f00; --warn-bg: #fff1cc; --warn-line: #d99a1b;
  --syn: #5b3f8c; --syn-bg: #efe9f8; --quote: #2359a8; --quote-bg: #e5eefb;
}
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0 auto; max-width: 1360px; padding: 0 28px 40px; color: var(--ink);
  font: 15px/1.5 "Liberation Sans", "Helvetica Neue", Arial, sans-serif; background: #fff; }
h1 { font-size: 26px; margin: 6px 0 2px; }
h2 { font-size: 18px; margin: 0; }
h3 { font-size: 12px; margin: 0 0 6px; text-transform: uppercase; letter-spacing: .06em;
  color: var(--muted); }
code { font: 13px/1.4 "Liberation Mono", Menlo, Consolas, monospace; }
a { color: inherit; }
.marking { margin: 0; padding: 4px 0; text-align: center; font-weight: bold; font-size: 13px;
  letter-spacing: .05em; border-bottom: 1px solid var(--rule); }
footer.marking { border-bottom: 0; border-top: 1px solid var(--rule); margin-top: 24px; }
.byline { margin: 0 0 16px; color: var(--muted); }
.verdict { margin: 0 0 14px; padding: 12px 16px; border-radius: 6px; font-size: 18px;
  font-weight: bold; border-left: 8px solid; }
.verdict.clean { background: var(--ok-bg); color: var(--ok); }
.verdict.attention { background: var(--bad-bg); color: var(--bad); }
.verdict span { display: block; font-size: 14px; font-weight: normal; color: var(--ink); }
.figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: 8px;
  margin: 0 0 16px; padding: 0; }
.figure { margin: 0; padding: 8px 12px; border: 1px solid var(--rule); border-radius: 6px;
  background: var(--panel); }
.figure dd { margin: 0; font-size: 26px; font-weight: bold; line-height: 1.2; }
.figure dt { font-size: 12.5px; color: var(--muted); }
.figure .more { font-size: 12.5px; color: var(--muted); }
.figure.bad { border: 2px solid var(--bad); background: var(--bad-bg); }
.figure.bad dd { color: var(--bad); }
.figure.warn { border: 2px solid var(--warn-line); background: var(--warn-bg); }
.figure.warn dd { color: var(--warn); }
.figure.good dd { color: var(--ok); }
.todo, .warnings { margin: 0 0 16px; padding-left: 22px; }
.todo li, .warnings li { margin: 2px 0; }
.warnings .hint { display: block; color: var(--muted); }
.legend { margin: 0 0 20px; padding: 8px 12px; border: 1px solid var(--rule); border-radius: 6px;
  font-size: 13px; color: var(--muted); }
.legend > span { margin-right: 14px; white-space: nowrap; }
.slide { border: 1px solid var(--rule); border-radius: 8px; margin: 0 0 14px;
  break-inside: auto; }
.slide > header { display: flex; flex-wrap: wrap; align-items: baseline; gap: 6px 12px;
  padding: 8px 14px; background: var(--panel); border-bottom: 1px solid var(--rule);
  border-radius: 8px 8px 0 0; break-after: avoid; }
.slide.quiet > header { border-bottom: 0; border-radius: 8px; background: #fff; padding: 5px 14px; }
.slide.quiet h2 { font-size: 15px; font-weight: normal; }
.slide.attention { border: 2px solid var(--bad); }
.slide.attention > header { background: var(--bad-bg); }
.slide.uncited-slide { border: 2px solid var(--warn-line); }
.slide.uncited-slide > header { background: var(--warn-bg); }
.num { font-weight: bold; font-size: 17px; min-width: 2.4em; }
.kind { font-size: 12.5px; color: var(--muted); border: 1px solid var(--rule); border-radius: 10px;
  padding: 0 8px; background: #fff; }
.where { margin-left: auto; font-size: 12.5px; color: var(--muted); }
.chip { font-size: 13px; font-weight: bold; border-radius: 10px; padding: 0 9px; }
.chip.bad { background: var(--bad); color: #fff; }
.chip.warn { background: var(--warn-line); color: #000; }
.chip.syn { background: var(--syn-bg); color: var(--syn); border: 1px solid var(--syn); }
.chip.ok { background: var(--ok-bg); color: var(--ok); }
.quietnote { font-size: 13px; color: var(--muted); }
.cols { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 0; }
.cols > div { padding: 10px 14px; }
.cols > .cited { border-left: 1px solid var(--rule); background: #fcfcfd; }
.full { padding: 10px 14px; border-top: 1px solid var(--rule); }
.claims { list-style: none; margin: 0; padding: 0; }
.claim { margin: 0 0 10px; padding: 4px 10px; border-left: 4px solid var(--ok); }
.claim p { margin: 0; }
.claim .said { font-size: 15.5px; white-space: pre-wrap; }
.claim .how { font-size: 12.5px; color: var(--muted); }
.claim.unsupported { border-left-color: var(--bad); background: #fff8f7; }
.claim.unsupported .how { color: var(--bad); font-weight: bold; }
.claim.uncited { border-left-color: var(--warn-line); background: #fffbf0; }
.claim.uncited .how { color: var(--warn); font-weight: bold; }
.claim.synthesis { border-left: 4px dashed var(--syn); background: var(--syn-bg); }
.claim.synthesis .said { font-style: italic; }
.claim.synthesis .how { color: var(--syn); font-weight: bold; }
.hit { background: var(--ok-bg); border-bottom: 2px solid var(--ok); }
.miss { background: var(--bad-bg); color: var(--bad); font-weight: bold;
  text-decoration: underline wavy var(--bad); text-underline-offset: 3px; }
.flag { display: inline-block; margin: 0 3px; padding: 0 6px; border-radius: 4px; font-size: 12px;
  font-style: normal; font-weight: bold; line-height: 1.5; background: var(--bad); color: #fff;
  white-space: normal; }
.flag.single { background: var(--warn-line); color: #000; }
.q { background: var(--quote-bg); border-bottom: 2px solid var(--quote); }
blockquote { margin: 0 0 4px; padding: 6px 12px; border-left: 4px solid var(--quote);
  background: var(--quote-bg); font-size: 15.5px; }
.verified { margin: 0 0 10px; font-size: 12.5px; color: var(--quote); font-weight: bold; }
.sentences { margin: 0 0 10px; padding-left: 20px; }
.passage { margin: 0 0 12px; }
.passage .cite { margin: 0 0 4px; font-size: 12.5px; color: var(--muted); }
.passage .cite code { color: var(--ink); font-weight: bold; }
.para { margin: 0 0 6px; font-size: 14px; }
.pnum { font-weight: bold; color: var(--muted); margin-right: 4px; }
.nocite { color: var(--muted); font-size: 13.5px; margin: 0; }
.parts { margin: 0; padding: 6px 14px; font-size: 13px; color: var(--muted);
  border-top: 1px solid var(--rule); }
.slidewarn { margin: 0; padding: 6px 14px 8px 34px; border-top: 1px solid var(--rule);
  background: var(--warn-bg); font-size: 13.5px; }
table { border-collapse: collapse; margin: 0 0 12px; font-size: 13px; }
.figtitle { margin: 8px 0 4px; font-weight: bold; font-size: 13.5px; }
th, td { border: 1px solid var(--rule); padding: 3px 7px; text-align: left; vertical-align: top; }
th { background: var(--panel); }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
.records { width: 100%; }
.records td:first-child { width: 22%; }
.records td:nth-child(2) { width: 28%; }
.records ul { margin: 0; padding-left: 16px; }
.records tr.single td { background: #fffaeb; }
.records small, .small { color: var(--muted); }
.h4 { font-weight: bold; margin: 4px 0 6px; }
@media (max-width: 900px) {
  .cols { display: block; }
  .cols > .cited { border-left: 0; border-top: 1px solid var(--rule); }
  body { padding: 0 12px 24px; }
}
@media print {
  @page { size: A4; margin: 14mm 12mm; }
  body { max-width: none; padding: 0; font-size: 10pt; }
  .cols { display: block; }
  .cols > .cited { border-left: 0; border-top: 1px solid var(--rule); }
  .slide > header, h3, .h4, .figtitle, .passage .cite, .chart > .small { break-after: avoid; }
  .claim, .para, tr, .figure, blockquote, .figtable { break-inside: avoid; }
  a { text-decoration: none; }
  .figures { grid-template-columns: repeat(4, 1fr); }
}
"""
