namespace OpenLedger.Actors.Silo.Explorer;

/// <summary>The explorer's one stylesheet, served from <c>/explorer/explorer.css</c> (the CSP allows styles from 'self' only).</summary>
public static class ExplorerStyles
{
    public const string Css = """
        :root { --ink: #1d2430; --muted: #5b6574; --line: #d9dee6; --accent: #1f6feb; --paid: #2da44e; --bg: #f6f8fa; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); background: #fff; }
        header { background: var(--ink); color: #fff; padding: 10px 24px; display: flex; gap: 24px; align-items: baseline; flex-wrap: wrap; }
        header a { color: #fff; text-decoration: none; }
        header .brand { font-weight: 700; font-size: 17px; }
        main { padding: 16px 24px 48px; max-width: 1200px; }
        h1 { font-size: 24px; margin: 8px 0 4px; }
        h2 { font-size: 18px; margin: 28px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
        .lede { color: var(--muted); margin: 0 0 12px; }
        .figures { display: flex; gap: 12px; flex-wrap: wrap; margin: 12px 0; }
        .split { list-style: none; padding: 0; margin: 6px 0; display: flex; flex-wrap: wrap; gap: 6px 20px; }
        .figure { background: var(--bg); border: 1px solid var(--line); border-radius: 6px; padding: 8px 14px; min-width: 160px; }
        .figure b { display: block; font-size: 20px; }
        .figure span { color: var(--muted); font-size: 13px; }
        table { border-collapse: collapse; width: 100%; margin: 6px 0; }
        th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
        th { background: var(--bg); font-weight: 600; font-size: 13px; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        code { font-size: 13px; }
        a { color: var(--accent); }
        .pager { display: flex; gap: 12px; margin: 8px 0; align-items: center; }
        .muted { color: var(--muted); }
        .tag { display: inline-block; background: var(--bg); border: 1px solid var(--line); border-radius: 10px; padding: 0 8px; font-size: 12px; margin-right: 4px; }
        svg { max-width: 100%; height: auto; background: #fff; }
        svg text { font: 12px system-ui, sans-serif; }
        .error { border-left: 4px solid #cf222e; padding: 8px 12px; background: #fff5f5; }
        header form.search { margin-left: auto; display: flex; gap: 6px; }
        header form.search input { font: inherit; padding: 2px 8px; border-radius: 4px; border: 1px solid var(--line); min-width: 0; width: 14em; }
        header form.search button { font: inherit; padding: 2px 10px; border-radius: 4px; border: 1px solid var(--line); background: var(--bg); }
        h1 code, p code { overflow-wrap: anywhere; }
        td code { white-space: nowrap; }
        .pager { flex-wrap: wrap; }
        /* Charts keep a readable size on narrow screens: they scroll sideways in their box instead of shrinking their labels. */
        .chart { overflow-x: auto; max-width: 100%; }
        .chart svg#value-trail { min-width: 860px; }
        .chart svg#earnings-chart { min-width: 780px; }
        @media (max-width: 700px) {
          header { padding: 8px 12px; gap: 12px; }
          main { padding: 12px 10px 32px; }
          h1 { font-size: 20px; }
          table { display: block; overflow-x: auto; }
          .figure { min-width: 0; flex: 1 1 140px; }
        }
        """;
}
