import Foundation

/// The report's one SVG writer: bar charts, line charts and heat maps as inline SVG text, drawn with
/// fixed sizes, fixed colours and numbers printed without locale, so the same data gives the same bytes.
///
/// Every chart has a `role="img"` and an `aria-label`; the numbers it shows go in a table beside it
/// (`HTML.figure`), so nothing needs the picture to be read.
public enum SVGChart {
    /// The colours of the series, in order (colour-blind safe: blue, orange, teal, grey).
    public static let palette = ["#1f77b4", "#e6842a", "#2a9d8f", "#7f7f7f"]

    /// Chart width and height in CSS pixels (the SVG scales to its column).
    public static let width = 480.0, height = 280.0
    private static let left = 52.0, right = 12.0, top = 14.0, bottom = 44.0

    /// A number as SVG coordinates print it: at most 2 decimals, no trailing zeros, no locale.
    static func coordinate(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        var text = String(format: "%.2f", value)
        while text.contains(".") && (text.hasSuffix("0") || text.hasSuffix(".")) { text.removeLast() }
        return text == "-0" ? "0" : text
    }

    /// One series of a bar or line chart.
    public struct Series: Sendable {
        /// Its name in the legend.
        public var name: String
        /// Its values (bars) or y values (lines, with `x`).
        public var values: [Double]
        /// The x values of a line series (nil for bars).
        public var x: [Double]?
        /// Drawn dashed (a reference: random, the diagonal).
        public var dashed: Bool

        /// A series.
        public init(name: String, values: [Double], x: [Double]? = nil, dashed: Bool = false) {
            self.name = name
            self.values = values
            self.x = x
            self.dashed = dashed
        }
    }

    private static func open(_ label: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(coordinate(width)) \(coordinate(height))\" "
            + "width=\"\(coordinate(width))\" height=\"\(coordinate(height))\" role=\"img\" aria-label=\"\(HTML.escape(label))\">"
    }

    private static func axisLabels(x: String, y: String) -> String {
        "<text x=\"\(coordinate(left + (width - left - right) / 2))\" y=\"\(coordinate(height - 6))\" class=\"axis\" text-anchor=\"middle\">\(HTML.escape(x))</text>"
            + "<text x=\"12\" y=\"\(coordinate(top + (height - top - bottom) / 2))\" class=\"axis\" text-anchor=\"middle\" "
            + "transform=\"rotate(-90 12 \(coordinate(top + (height - top - bottom) / 2)))\">\(HTML.escape(y))</text>"
    }

    private static func legend(_ series: [Series]) -> String {
        guard series.count > 1 else { return "" }
        var text = ""
        var x = left + 8
        for (index, item) in series.enumerated() {
            let colour = palette[index % palette.count]
            text += "<rect x=\"\(coordinate(x))\" y=\"\(coordinate(top + 2))\" width=\"10\" height=\"10\" fill=\"\(colour)\"/>"
            text += "<text x=\"\(coordinate(x + 14))\" y=\"\(coordinate(top + 11))\" class=\"legend\">\(HTML.escape(item.name))</text>"
            x += 24 + textWidth(item.name)
        }
        return text
    }

    /// The width of `text` at the legend's 11px: about 6.5 px a Latin character, 12 a wide (CJK) one.
    static func textWidth(_ text: String) -> Double {
        text.unicodeScalars.reduce(0.0) { width, scalar in
            let wide = (0x1100...0x115F).contains(scalar.value) || (0x2E80...0xA4CF).contains(scalar.value)
                || (0xAC00...0xD7A3).contains(scalar.value) || (0xF900...0xFAFF).contains(scalar.value) || (0xFF00...0xFF60).contains(scalar.value)
            return width + (wide ? 12 : 6.5)
        }
    }

    /// Gridlines and tick labels of a y axis from `low` to `high` in 4 steps.
    private static func yAxis(low: Double, high: Double, format: (Double) -> String) -> String {
        var text = ""
        for step in 0...4 {
            let value = low + (high - low) * Double(step) / 4
            let y = top + (height - top - bottom) * (1 - Double(step) / 4)
            text += "<line x1=\"\(coordinate(left))\" x2=\"\(coordinate(width - right))\" y1=\"\(coordinate(y))\" y2=\"\(coordinate(y))\" class=\"grid\"/>"
            text += "<text x=\"\(coordinate(left - 4))\" y=\"\(coordinate(y + 4))\" class=\"tick\" text-anchor=\"end\">\(HTML.escape(format(value)))</text>"
        }
        return text
    }

    /// A rounded-up top for a y axis holding `maximum` (1, 2 or 5 × a power of ten; 1 for nothing).
    static func niceTop(_ maximum: Double) -> Double {
        guard maximum > 0, maximum.isFinite else { return 1 }
        let power = pow(10, floor(log10(maximum)))
        for factor in [1.0, 2, 2.5, 5, 10] where factor * power >= maximum { return factor * power }
        return 10 * power
    }

    /// Grouped vertical bars, one group per category; `marker` draws a dashed vertical line after that
    /// many categories (the call capacity) with its `markerLabel`.
    public static func bars(categories: [String], series: [Series], xLabel: String, yLabel: String,
                            format: (Double) -> String, marker: Double? = nil, markerLabel: String = "",
                            label: String) -> String {
        let maximum = series.flatMap(\.values).filter(\.isFinite).max() ?? 0
        let topValue = niceTop(maximum)
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        let groupWidth = plotWidth / Double(max(1, categories.count))
        let barWidth = groupWidth * 0.8 / Double(max(1, series.count))
        var text = open(label) + yAxis(low: 0, high: topValue, format: format)
        for (seriesIndex, item) in series.enumerated() {
            let colour = palette[seriesIndex % palette.count]
            for (index, value) in item.values.enumerated() where value.isFinite && index < categories.count {
                let barHeight = plotHeight * max(0, value) / topValue
                let x = left + groupWidth * Double(index) + groupWidth * 0.1 + barWidth * Double(seriesIndex)
                text += "<rect x=\"\(coordinate(x))\" y=\"\(coordinate(top + plotHeight - barHeight))\" width=\"\(coordinate(barWidth))\" "
                    + "height=\"\(coordinate(barHeight))\" fill=\"\(colour)\"/>"
            }
        }
        let step = max(1, Int((Double(categories.count) / 12).rounded(.up)))
        for (index, category) in categories.enumerated() where index % step == 0 {
            text += "<text x=\"\(coordinate(left + groupWidth * (Double(index) + 0.5)))\" y=\"\(coordinate(top + plotHeight + 14))\" "
                + "class=\"tick\" text-anchor=\"middle\">\(HTML.escape(category))</text>"
        }
        if let marker {
            let x = left + groupWidth * marker
            text += "<line x1=\"\(coordinate(x))\" x2=\"\(coordinate(x))\" y1=\"\(coordinate(top))\" y2=\"\(coordinate(top + plotHeight))\" class=\"marker\"/>"
            text += "<text x=\"\(coordinate(x + 3))\" y=\"\(coordinate(top + 40))\" class=\"tick\">\(HTML.escape(markerLabel))</text>"
        }
        return text + axisLabels(x: xLabel, y: yLabel) + legend(series) + "</svg>"
    }

    /// Lines over x from `xRange` and y from `yRange` (each series has its `x`); `marker` as in `bars`, at
    /// that x.
    public static func lines(series: [Series], xRange: ClosedRange<Double>, yRange: ClosedRange<Double>, xLabel: String,
                             yLabel: String, xFormat: (Double) -> String, yFormat: (Double) -> String,
                             marker: Double? = nil, markerLabel: String = "", label: String) -> String {
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        func px(_ x: Double) -> Double { left + plotWidth * (x - xRange.lowerBound) / max(1e-12, xRange.upperBound - xRange.lowerBound) }
        func py(_ y: Double) -> Double { top + plotHeight * (1 - (y - yRange.lowerBound) / max(1e-12, yRange.upperBound - yRange.lowerBound)) }
        var text = open(label) + yAxis(low: yRange.lowerBound, high: yRange.upperBound, format: yFormat)
        for step in 0...4 {
            let x = xRange.lowerBound + (xRange.upperBound - xRange.lowerBound) * Double(step) / 4
            text += "<text x=\"\(coordinate(px(x)))\" y=\"\(coordinate(top + plotHeight + 14))\" class=\"tick\" text-anchor=\"middle\">\(HTML.escape(xFormat(x)))</text>"
        }
        for (index, item) in series.enumerated() {
            let xs = item.x ?? item.values.indices.map(Double.init)
            let points = zip(xs, item.values).filter { $0.0.isFinite && $0.1.isFinite }
                .map { "\(coordinate(px($0.0))),\(coordinate(py(min(max($0.1, yRange.lowerBound), yRange.upperBound))))" }
            guard !points.isEmpty else { continue }
            text += "<polyline points=\"\(points.joined(separator: " "))\" fill=\"none\" stroke=\"\(palette[index % palette.count])\" "
                + "stroke-width=\"2\"\(item.dashed ? " stroke-dasharray=\"5 4\"" : "")/>"
        }
        if let marker {
            text += "<line x1=\"\(coordinate(px(marker)))\" x2=\"\(coordinate(px(marker)))\" y1=\"\(coordinate(top))\" y2=\"\(coordinate(top + plotHeight))\" class=\"marker\"/>"
            text += "<text x=\"\(coordinate(px(marker) + 3))\" y=\"\(coordinate(top + 40))\" class=\"tick\">\(HTML.escape(markerLabel))</text>"
        }
        return text + axisLabels(x: xLabel, y: yLabel) + legend(series) + "</svg>"
    }

    /// Horizontal bars, one per name (longest first as given), with optional interval whiskers (`low`,
    /// `high`) and a dashed `marker` at that value (a threshold). Negative values extend left of zero.
    public static func horizontalBars(names: [String], values: [Double], low: [Double]? = nil, high: [Double]? = nil,
                                      format: (Double) -> String, marker: Double? = nil, label: String) -> String {
        let nameWidth = 215.0, valueWidth = 50.0
        let rowHeight = 22.0
        let chartHeight = max(60, top + rowHeight * Double(max(1, names.count)) + 24)
        let extremes = values + (low ?? []) + (high ?? []) + (marker.map { [$0] } ?? [])
        let maximum = max(0, extremes.filter(\.isFinite).max() ?? 0), minimum = min(0, extremes.filter(\.isFinite).min() ?? 0)
        let span = max(1e-12, maximum - minimum)
        let plotLeft = nameWidth, plotWidth = width - nameWidth - valueWidth - right
        func px(_ value: Double) -> Double { plotLeft + plotWidth * (value - minimum) / span }
        var text = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(coordinate(width)) \(coordinate(chartHeight))\" "
            + "width=\"\(coordinate(width))\" height=\"\(coordinate(chartHeight))\" role=\"img\" aria-label=\"\(HTML.escape(label))\">"
        for (index, name) in names.enumerated() {
            let y = top + rowHeight * Double(index)
            let value = index < values.count && values[index].isFinite ? values[index] : 0
            let shown = name.count > 34 ? String(name.prefix(33)) + "…" : name
            text += "<text x=\"\(coordinate(nameWidth - 6))\" y=\"\(coordinate(y + 14))\" class=\"tick\" text-anchor=\"end\">\(HTML.escape(shown))</text>"
            let x0 = px(min(0, value)), x1 = px(max(0, value))
            text += "<rect x=\"\(coordinate(x0))\" y=\"\(coordinate(y + 3))\" width=\"\(coordinate(max(1, x1 - x0)))\" height=\"\(coordinate(rowHeight - 8))\" fill=\"\(palette[0])\"/>"
            if let low, let high, index < low.count, index < high.count, low[index].isFinite, high[index].isFinite {
                let middle = y + rowHeight / 2 - 1
                text += "<line x1=\"\(coordinate(px(low[index])))\" x2=\"\(coordinate(px(high[index])))\" y1=\"\(coordinate(middle))\" y2=\"\(coordinate(middle))\" stroke=\"#222\" stroke-width=\"1.5\"/>"
            }
            text += "<text x=\"\(coordinate(width - right))\" y=\"\(coordinate(y + 14))\" class=\"tick\" text-anchor=\"end\">\(HTML.escape(format(value)))</text>"
        }
        if minimum < 0 {
            text += "<line x1=\"\(coordinate(px(0)))\" x2=\"\(coordinate(px(0)))\" y1=\"\(coordinate(top))\" y2=\"\(coordinate(chartHeight - 20))\" stroke=\"#444\" stroke-width=\"1\"/>"
        }
        if let marker {
            text += "<line x1=\"\(coordinate(px(marker)))\" x2=\"\(coordinate(px(marker)))\" y1=\"\(coordinate(top))\" y2=\"\(coordinate(chartHeight - 20))\" class=\"marker\"/>"
        }
        text += "<text x=\"\(coordinate(plotLeft))\" y=\"\(coordinate(chartHeight - 6))\" class=\"tick\">\(HTML.escape(format(minimum)))</text>"
        text += "<text x=\"\(coordinate(plotLeft + plotWidth))\" y=\"\(coordinate(chartHeight - 6))\" class=\"tick\" text-anchor=\"end\">\(HTML.escape(format(maximum)))</text>"
        return text + "</svg>"
    }

    /// A heat map: `values[row][column]` shaded from white (0) to the first colour (the maximum), each cell
    /// labelled with `format(value)`.
    public static func heatMap(rows: [String], columns: [String], values: [[Double]], xLabel: String, yLabel: String,
                               format: (Double) -> String, label: String) -> String {
        let plotWidth = width - left - right - 30, plotHeight = height - top - bottom
        let cellWidth = plotWidth / Double(max(1, columns.count)), cellHeight = plotHeight / Double(max(1, rows.count))
        let maximum = values.flatMap { $0 }.filter(\.isFinite).max() ?? 0
        var text = open(label)
        let offset = left + 30
        for (rowIndex, row) in values.enumerated() {
            for (columnIndex, value) in row.enumerated() {
                let share = maximum > 0 ? max(0, value) / maximum : 0
                // From white to the palette's blue (#1f77b4 = 31, 119, 180).
                let red = Int((255 - (255 - 31) * share).rounded()), green = Int((255 - (255 - 119) * share).rounded())
                let blue = Int((255 - (255 - 180) * share).rounded())
                let x = offset + cellWidth * Double(columnIndex), y = top + cellHeight * Double(rowIndex)
                text += "<rect x=\"\(coordinate(x))\" y=\"\(coordinate(y))\" width=\"\(coordinate(cellWidth - 1))\" height=\"\(coordinate(cellHeight - 1))\" "
                    + "fill=\"rgb(\(red),\(green),\(blue))\"/>"
                text += "<text x=\"\(coordinate(x + cellWidth / 2))\" y=\"\(coordinate(y + cellHeight / 2 + 4))\" class=\"cell\" text-anchor=\"middle\""
                    + "\(share > 0.6 ? " fill=\"#ffffff\"" : "")>\(HTML.escape(format(value)))</text>"
            }
        }
        for (index, name) in rows.enumerated() {
            text += "<text x=\"\(coordinate(offset - 4))\" y=\"\(coordinate(top + cellHeight * (Double(index) + 0.5) + 4))\" class=\"tick\" text-anchor=\"end\">\(HTML.escape(name))</text>"
        }
        for (index, name) in columns.enumerated() {
            text += "<text x=\"\(coordinate(offset + cellWidth * (Double(index) + 0.5)))\" y=\"\(coordinate(top + plotHeight + 14))\" class=\"tick\" text-anchor=\"middle\">\(HTML.escape(name))</text>"
        }
        return text + axisLabels(x: xLabel, y: yLabel) + "</svg>"
    }
}
