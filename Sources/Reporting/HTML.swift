import Foundation

/// The HTML pieces of the report: escaping, tables, figures (a chart with its caption and its numbers),
/// KPI tiles, and the page around them with its style sheet (inline; nothing is fetched).
public enum HTML {
    /// `text` with `&`, `<`, `>` and `"` escaped, for element content and attribute values.
    public static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            default: result.append(character)
            }
        }
        return result
    }

    /// A table with a header row; cells are escaped; columns after the first are right-aligned numbers
    /// unless `textColumns` says otherwise.
    public static func table(header: [String], rows: [[String]], textColumns: Set<Int> = [0], className: String = "numbers") -> String {
        var text = "<table class=\"\(className)\"><thead><tr>"
        for (index, name) in header.enumerated() {
            text += "<th\(textColumns.contains(index) ? "" : " class=\"n\"")>\(escape(name))</th>"
        }
        text += "</tr></thead><tbody>"
        for row in rows {
            text += "<tr>"
            for (index, cell) in row.enumerated() {
                text += "<td\(textColumns.contains(index) ? "" : " class=\"n\"")>\(escape(cell))</td>"
            }
            text += "</tr>"
        }
        return text + "</tbody></table>"
    }

    /// A chart: `<figure class="chart">` with the SVG, its caption, and the table of its numbers beside it.
    public static func figure(id: String, caption: String, svg: String, table: String) -> String {
        "<figure class=\"chart\" id=\"\(escape(id))\"><div class=\"plot\">\(svg)</div><div class=\"data\">\(table)</div>"
            + "<figcaption>\(escape(caption))</figcaption></figure>"
    }

    /// A KPI tile: the name, the value, and the change against the previous period.
    public static func tile(name: String, value: String, change: String) -> String {
        "<div class=\"tile\"><div class=\"name\">\(escape(name))</div><div class=\"value\">\(escape(value))</div>"
            + "<div class=\"change\">\(escape(change))</div></div>"
    }

    /// A section with a heading.
    public static func section(id: String, title: String, body: String) -> String {
        "<section id=\"\(escape(id))\"><h2>\(escape(title))</h2>\(body)</section>"
    }

    /// A paragraph of escaped text.
    public static func paragraph(_ text: String, className: String? = nil) -> String {
        "<p\(className.map { " class=\"\($0)\"" } ?? "")>\(escape(text))</p>"
    }

    /// The whole page: `lang`, the title, the inline style sheet, and the body.
    public static func page(language: String, title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="\(language)">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title))</title>
        <style>\(styleSheet)</style>
        </head>
        <body>
        \(body)
        </body>
        </html>

        """
    }

    /// The style sheet: system fonts falling back through the Japanese ones, A4 pages when printed.
    static let styleSheet = """
    @page { size: A4; margin: 14mm; }
    body { font-family: "Noto Sans CJK JP", "Noto Sans JP", "Hiragino Sans", "Hiragino Kaku Gothic ProN", Meiryo, "Yu Gothic", \
    "Helvetica Neue", Arial, sans-serif; color: #222; margin: 24px auto; max-width: 1100px; line-height: 1.4; font-size: 14px; }
    h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 18px; border-bottom: 2px solid #1f77b4; padding-bottom: 2px; margin-top: 28px; }
    h3 { font-size: 15px; margin: 18px 0 6px; }
    .meta { color: #555; margin: 2px 0; }
    .tiles { display: flex; flex-wrap: wrap; gap: 10px; margin: 12px 0; }
    .tile { border: 1px solid #ccd; border-radius: 6px; padding: 8px 12px; min-width: 140px; }
    .tile .name { color: #555; font-size: 12px; } .tile .value { font-size: 22px; font-weight: bold; } .tile .change { font-size: 12px; color: #555; }
    figure.chart { display: grid; grid-template-columns: minmax(0, 480px) minmax(0, 1fr); gap: 12px; margin: 12px 0 20px; break-inside: avoid; }
    figure.chart figcaption { grid-column: 1 / -1; color: #444; font-size: 13px; }
    figure.chart svg { width: 100%; height: auto; max-width: 480px; }
    .data { overflow-x: auto; }
    table { border-collapse: collapse; font-size: 12px; margin: 4px 0; }
    th, td { border-bottom: 1px solid #dde; padding: 2px 6px; text-align: left; vertical-align: top; }
    th.n, td.n { text-align: right; font-variant-numeric: tabular-nums; }
    .flag { color: #b00020; font-weight: bold; }
    .note { color: #555; font-size: 12px; }
    svg .grid { stroke: #e3e3ea; stroke-width: 1; } svg .marker { stroke: #b00020; stroke-width: 1.5; stroke-dasharray: 4 3; }
    svg text { font-size: 11px; fill: #333; } svg .axis { font-size: 12px; fill: #444; } svg .cell { font-size: 11px; }
    @media print { body { margin: 0; max-width: none; } section { break-inside: auto; } }
    """
}
