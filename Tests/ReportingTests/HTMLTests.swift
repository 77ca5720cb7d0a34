import Testing
@testable import Reporting

@Test func textIsEscapedForContentAndAttributes() {
    #expect(HTML.escape("a < b & \"c\" > d") == "a &lt; b &amp; &quot;c&quot; &gt; d")
    #expect(HTML.escape("離反防止") == "離反防止")
}

@Test func tablesRightAlignTheirNumberColumns() {
    let table = HTML.table(header: ["rank", "customers"], rows: [["S", "1,234"]])
    #expect(table == "<table class=\"numbers\"><thead><tr><th>rank</th><th class=\"n\">customers</th></tr></thead>"
        + "<tbody><tr><td>S</td><td class=\"n\">1,234</td></tr></tbody></table>")
}

@Test func aFigureHoldsTheChartItsNumbersAndItsCaption() {
    let figure = HTML.figure(id: "x", caption: "A & B", svg: "<svg></svg>", table: "<table></table>")
    #expect(figure == "<figure class=\"chart\" id=\"x\"><div class=\"plot\"><svg></svg></div><div class=\"data\"><table></table></div>"
        + "<figcaption>A &amp; B</figcaption></figure>")
}

@Test func thePagePrintsOnA4AndFetchesNothing() {
    let page = HTML.page(language: "ja", title: "t", body: "<p>本文</p>")
    #expect(page.hasPrefix("<!DOCTYPE html>\n<html lang=\"ja\">\n<head>\n<meta charset=\"utf-8\">"))
    #expect(page.contains("@page { size: A4;"))
    #expect(!page.contains("<link") && !page.contains("<script") && !page.contains("url("))
}
