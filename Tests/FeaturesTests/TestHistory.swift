import Foundation
@testable import OrderHistory

/// Writes a tiny orders CSV and reads it back as a log and registry.
func history(_ rows: [(customer: String, date: String, amount: Double)]) throws -> (OrderLog, CustomerRegistry) {
    var text = "customer_id,order_date,amount\n"
    for row in rows { text += "\(row.customer),\(row.date),\(row.amount)\n" }
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("features-\(UUID().uuidString).csv")
    try Data(text.utf8).write(to: url)
    var registry = CustomerRegistry()
    let (log, _) = try OrderReader.read(path: url.path, registry: &registry)
    return (log, registry)
}

func day(_ text: String) -> Int32 { CalendarDay.parseISO(text)! }

/// `a == b`, with NaN equal to NaN.
func same(_ a: Double?, _ b: Double) -> Bool {
    guard let a else { return false }
    return a == b || (a.isNaN && b.isNaN)
}

/// Writes a tiny CSV and returns its path.
func writeCSV(_ text: String) throws -> String {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("features-\(UUID().uuidString).csv")
    try Data(text.utf8).write(to: url)
    return url.path
}
