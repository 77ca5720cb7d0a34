import Foundation
import Testing
import OrderHistory
@testable import SyntheticData

@Test func sameSeedSameBytesAndAllFilesReadBack() throws {
    let first = TestFiles.folder()
    let second = TestFiles.folder()
    let counts = try SyntheticHistory.write(.init(customers: 300, seed: 9), to: first)
    #expect(try SyntheticHistory.write(.init(customers: 300, seed: 9), to: second) == counts)
    for name in ["orders.csv", "customers.csv", "events.csv", "surveys.csv", "truth.csv"] {
        let a = try Data(contentsOf: URL(fileURLWithPath: "\(first)/\(name)"))
        let b = try Data(contentsOf: URL(fileURLWithPath: "\(second)/\(name)"))
        #expect(a == b, "\(name) differs between runs")
    }
    var registry = CustomerRegistry()
    let customers = try CustomerReader.read(path: first + "/customers.csv", registry: &registry)
    let orders = try OrderReader.read(path: first + "/orders.csv", registry: &registry)
    let events = try EventReader.read(path: first + "/events.csv", registry: &registry)
    let surveys = try SurveyReader.read(path: first + "/surveys.csv", registry: &registry)
    #expect(customers.table.count == 300)
    #expect(orders.log.count == counts.orders)
    #expect(events.log.count == counts.events)
    #expect(surveys.log.count == counts.surveys)
    #expect(registry.count == 300, "every id in orders, events and surveys is in the customer file")
    #expect(orders.summary.returnOrders > 0)
    #expect(customers.table.doNotCall.contains(true))
    #expect(customers.table.phone.contains(""))
}

@Test func differentSeedDifferentHistory() throws {
    let a = TestFiles.folder(), b = TestFiles.folder()
    _ = try SyntheticHistory.write(.init(customers: 50, seed: 1, includeEngagement: false), to: a)
    _ = try SyntheticHistory.write(.init(customers: 50, seed: 2, includeEngagement: false), to: b)
    #expect(try Data(contentsOf: URL(fileURLWithPath: a + "/orders.csv")) != Data(contentsOf: URL(fileURLWithPath: b + "/orders.csv")))
    #expect(!FileManager.default.fileExists(atPath: a + "/events.csv"))
}

/// The ground truth is real: customers who dropped out stop buying, and growers buy more later.
@Test func truthMatchesBehaviour() throws {
    let folder = TestFiles.folder()
    let configuration = SyntheticHistory.Configuration(customers: 2000, seed: 5, includeEngagement: false)
    _ = try SyntheticHistory.write(configuration, to: folder)
    var registry = CustomerRegistry()
    let (log, _) = try OrderReader.read(path: folder + "/orders.csv", registry: &registry)
    var lastPurchase: [String: Int32] = [:]
    for index in 0..<log.count where log.amount[index] > 0 {
        let id = registry.ids[Int(log.customerIndex[index])]
        lastPurchase[id] = max(lastPurchase[id] ?? .min, log.day[index])
    }
    let truth = try String(contentsOfFile: folder + "/truth.csv", encoding: .utf8).split(separator: "\n").dropFirst()
    var dropouts = 0
    for line in truth {
        let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        guard let dropout = CalendarDay.parseISO(fields[8]) else { continue }
        dropouts += 1
        if let last = lastPurchase[fields[0]] { #expect(last <= dropout) }
    }
    #expect(dropouts > 200 && dropouts < 1800)
    #expect(Set(log.day).count > 900, "orders on most days of the three years")
    let december = (0..<log.count).filter { CalendarDay.civil(log.day[$0]).month == 12 }.count
    let january = (0..<log.count).filter { CalendarDay.civil(log.day[$0]).month == 1 }.count
    #expect(december > january, "seasonality: December busier than January")
}
