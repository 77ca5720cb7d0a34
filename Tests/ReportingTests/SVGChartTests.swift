import Testing
@testable import Reporting

@Test func coordinatesPrintWithoutLocaleOrTrailingZeros() {
    #expect(SVGChart.coordinate(12) == "12")
    #expect(SVGChart.coordinate(12.5) == "12.5")
    #expect(SVGChart.coordinate(1.0 / 3) == "0.33")
    #expect(SVGChart.coordinate(-0.001) == "0")
    #expect(SVGChart.coordinate(.nan) == "0")
}

@Test func axisTopsRoundUpToOneTwoOrFive() {
    #expect(SVGChart.niceTop(0.73) == 1)
    #expect(SVGChart.niceTop(2.38) == 2.5)
    #expect(SVGChart.niceTop(3_300) == 5_000)
    #expect(SVGChart.niceTop(0) == 1)
}

@Test func barsDrawOneRectanglePerValueWithTheMarkerAndTheirLabel() {
    let svg = SVGChart.bars(categories: ["1", "2", "3"], series: [SVGChart.Series(name: "lift", values: [2, 1, 0.5])], xLabel: "decile",
                            yLabel: "lift", format: { "\($0)" }, marker: 1, markerLabel: "calls: 200", label: "lift <by> decile")
    #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 480 280\" width=\"480\" height=\"280\" role=\"img\" aria-label=\"lift &lt;by&gt; decile\">"))
    #expect(svg.components(separatedBy: "<rect ").count - 1 == 3, "no legend for one series")
    #expect(svg.contains("class=\"marker\"") && svg.contains("calls: 200") && svg.hasSuffix("</svg>"))
    // The tallest bar reaches the top of the axis (2 of 2): the plot is 280 − 14 − 44 = 222 high.
    #expect(svg.contains("height=\"222\""))
}

@Test func linesHeatMapsAndHorizontalBarsAreWellFormed() {
    let lines = SVGChart.lines(series: [SVGChart.Series(name: "a", values: [0, 1], x: [0, 1]), SVGChart.Series(name: "b", values: [0, 1], x: [0, 1], dashed: true)],
                               xRange: 0...1, yRange: 0...1, xLabel: "x", yLabel: "y", xFormat: { "\($0)" }, yFormat: { "\($0)" }, label: "l")
    #expect(lines.components(separatedBy: "<polyline").count - 1 == 2 && lines.contains("stroke-dasharray"))
    let heat = SVGChart.heatMap(rows: ["r1", "r2"], columns: ["c1", "c2", "c3"], values: [[0, 1, 2], [3, 4, 5]], xLabel: "x", yLabel: "y",
                                format: { "\(Int($0))" }, label: "h")
    #expect(heat.components(separatedBy: "<rect ").count - 1 == 6)
    #expect(heat.contains("fill=\"rgb(255,255,255)\"") && heat.contains("fill=\"rgb(31,119,180)\""), "white for 0, blue for the maximum")
    let bars = SVGChart.horizontalBars(names: ["up", "down"], values: [0.02, -0.01], low: [-0.01, -0.03], high: [0.05, 0.01],
                                       format: { "\($0)" }, marker: 0.25, label: "b")
    #expect(bars.components(separatedBy: "<rect ").count - 1 == 2 && bars.contains("class=\"marker\""))
    #expect(bars.components(separatedBy: "stroke=\"#222\"").count - 1 == 2, "one whisker per bar")
}
