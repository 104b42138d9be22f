/// The shell every HTML page shares: inline style, no scripts, no external assets, and
/// XHTML-compatible markup (every element closed, every `&` escaped) so an XML parser accepts
/// it. Tables scroll sideways on narrow screens; long texts wrap.
public enum HTMLPage {
    /// `extraStyle`: CSS rules appended to the shared style (a notebook's cell frames).
    public static func render(title: String, body: String, extraStyle: String = "") -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title>\(Escape.html(title)) · blendlab</title>
        <style>
        \(style)\(extraStyle.isEmpty ? "" : "\n" + extraStyle)
        </style>
        </head>
        <body>
        \(body)</body>
        </html>

        """
    }

    static let style = """
        body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 1.5rem auto; max-width: 72rem; padding: 0 1rem; color: #1b1b1b; }
        h1 { font-size: 1.6rem; margin-bottom: .3rem; word-break: break-word; }
        h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #e4e4e4; padding-bottom: .2rem; }
        nav { font-size: 14px; margin-bottom: 1rem; }
        nav a { margin-right: .8rem; }
        a { color: #1f5fa8; }
        table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
        th, td { padding: .3rem .6rem; border-bottom: 1px solid #e4e4e4; text-align: right; white-space: nowrap; vertical-align: top; }
        th:first-child, td:first-child { text-align: left; }
        thead th { border-bottom: 2px solid #999; background: #fafafa; }
        tr.group th { text-align: left; background: #f3f3f3; font-style: italic; }
        td.text { white-space: normal; text-align: left; min-width: 16rem; }
        table.index th, table.index td { text-align: left; }
        small { color: #666; }
        .scroll { overflow-x: auto; max-width: 100%; }
        .legend { color: #555; font-size: 13px; }
        figure { margin: 1rem 0; }
        pre { white-space: pre-wrap; word-break: break-word; background: #f6f6f6; padding: .5rem; margin: 0; font-size: 13px; }
        details { border-bottom: 1px solid #e4e4e4; padding: .3rem 0; }
        summary { cursor: pointer; }
        code { font-size: 13px; }
        @media (max-width: 40rem) { body { font-size: 14px; padding: 0 .5rem; } th, td { padding: .25rem .4rem; } td:first-child { white-space: normal; min-width: 7rem; word-break: break-word; } }
        """
}
