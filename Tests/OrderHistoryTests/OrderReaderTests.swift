import Foundation
import Testing
@testable import OrderHistory

private func readOrders(_ text: String, options: ReadOptions = ReadOptions()) throws -> (OrderLog, OrderFileSummary) {
    var registry = CustomerRegistry()
    return try OrderReader.read(path: TestFiles.write(text), options: options, registry: &registry)
}

private func day(_ text: String) -> Int32 { CalendarDay.parseISO(text)! }

@Test func amountColumnOneOrderPerRowWithoutOrderID() throws {
    let (log, summary) = try readOrders("customer_id,order_date,amount\nA,2024-01-01,10\nB,2024-01-02,20.5\nA,2024-01-03,-5\n")
    #expect(log.count == 3)
    #expect(log.customerIndex == [0, 1, 0])
    #expect(log.day == [day("2024-01-01"), day("2024-01-02"), day("2024-01-03")])
    #expect(log.amount == [10, 20.5, -5])
    #expect(log.flags[2].contains(.isReturn) && !log.flags[2].contains(.isCancellation))
    #expect(summary.orders == 3 && summary.customers == 2 && summary.returnRows == 1 && summary.returnOrders == 1)
    #expect(summary.totalAmount == 25.5)
}

@Test func quantityTimesUnitPriceAndLinesSummedByOrderID() throws {
    let text = """
        InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice,CustomerID
        536365,A,6,2010-12-01 08:26:00,2.55,17850
        536365,B,2,2010-12-01 08:26:00,3.00,17850
        536366,A,1,2010-12-02 09:00:00,5.00,13047
        536365,C,1,2010-12-01 08:26:00,1.00,17850
        C536379,D,-1,2010-12-03 09:41:00,27.50,17850
        536380,A,1,2010-12-03 10:00:00,4.00,

        """
    let (log, summary) = try readOrders(text)
    #expect(log.count == 3)
    #expect(abs(log.amount[0] - (15.3 + 6 + 1)) < 1e-12)
    #expect(log.amount[1] == 5)
    #expect(log.amount[2] == -27.5)
    #expect(log.flags[2] == [.isReturn, .isCancellation])
    #expect(summary.rows == 6)
    #expect(summary.orders == 4)
    #expect(summary.customerOrders == 3)
    #expect(summary.guestRows == 1 && summary.guestOrders == 1 && summary.guestAmount == 4)
    #expect(summary.returnRows == 1 && summary.returnOrders == 1)
    #expect(summary.firstDay == day("2010-12-01") && summary.lastDay == day("2010-12-03"))
    #expect(summary.amountSource == "Quantity × UnitPrice")
}

@Test func sameOrderIDForAnotherCustomerIsAnotherOrder() throws {
    let (log, _) = try readOrders("order_id,customer_id,date,amount\n1,A,2024-01-01,5\n1,B,2024-01-01,7\n")
    #expect(log.count == 2)
}

@Test func statusColumnMarksCancellations() throws {
    let (log, summary) = try readOrders("""
        customer_id,order_date,amount,status
        A,2024-01-01,10,completed
        A,2024-01-02,10,Cancelled
        A,2024-01-03,10,返品

        """)
    #expect(log.flags.map { $0.contains(.isCancellation) } == [false, true, true])
    #expect(summary.returnOrders == 2)
}

@Test func channelAndCategoryCodes() throws {
    let (log, _) = try readOrders("customer_id,date,amount,channel,category\nA,2024-01-01,1,web,toys\nB,2024-01-01,1,,toys\nC,2024-01-01,1,store,food\n")
    #expect(log.channelCode == [1, 0, 2])
    #expect(log.channelNames == ["web", "store"])
    #expect(log.categoryCode == [1, 1, 2])
}

@Test func defaultNamesAreCaseInsensitiveAndJapanese() throws {
    let (log, _) = try readOrders("顧客ID,注文日,金額\n山田,2024/01/05,1200\n")
    #expect(log.count == 1 && log.amount == [1200])
    let (log2, _) = try readOrders("Customer ID,Order Date,AMOUNT\n1,2024-01-05,3\n")
    #expect(log2.count == 1)
}

@Test func mappingFlagsNameColumns() throws {
    let options = ReadOptions(columnNames: ["customer": "kokyaku", "date": "hiduke", "amount": "kingaku"],
                              delimiter: .whitespace, dateFormat: .compactDate)
    var registry = CustomerRegistry()
    let path = TestFiles.write("  kokyaku  hiduke    kingaku\r\n  000123  20240105  1500\r\n  000045  20240106  -300\r\n")
    let (log, summary) = try OrderReader.read(path: path, options: options, registry: &registry)
    #expect(registry.ids == ["000123", "000045"])
    #expect(log.amount == [1500, -300])
    #expect(summary.firstDay == day("2024-01-05"))
}

@Test func missingColumnNamesTheFlag() {
    do {
        _ = try readOrders("who,when,amount\n1,2024-01-01,3\n")
        Issue.record("expected an error")
    } catch let error as OrderHistoryError {
        #expect(error.description.contains("--customer-column"))
        #expect(error.description.contains("\"who\""))
    } catch { Issue.record("unexpected \(error)") }
}

@Test func unknownMappedColumnIsAnError() {
    #expect(throws: OrderHistoryError.self) {
        _ = try readOrders("customer_id,date,amount\n1,2024-01-01,3\n",
                           options: ReadOptions(columnNames: ["amount": "total_price"]))
    }
}

@Test func badDateIsLocated() {
    let row = badRow { _ = try readOrders("customer_id,order_date,amount\nA,2024-01-01,1\nB,2024-13-01,2\n") }
    #expect(row?.line == 3 && row?.column == 2 && row?.columnName == "order_date" && row?.value == "2024-13-01")
    #expect(row?.description.hasSuffix(":3:2: column \"order_date\": value \"2024-13-01\": expected a date like 2024-03-31 (yyyy-MM-dd, optionally with HH:mm:ss)") == true)
}

@Test func nonNumericAmountIsLocated() {
    let row = badRow { _ = try readOrders("customer_id,order_date,amount\nA,2024-01-01,1\n\nB,2024-01-02,12,5\n") }
    #expect(row?.line == 4)
    #expect(row?.problem.contains("3 fields") == false)
    let row2 = badRow { _ = try readOrders("customer_id,order_date,amount\nA,2024-01-01,abc\n") }
    #expect(row2?.line == 2 && row2?.column == 3 && row2?.value == "abc")
}

@Test func wrongFieldCountIsLocated() {
    let row = badRow { _ = try readOrders("customer_id,order_date,amount\nA,2024-01-01\n") }
    #expect(row?.line == 2 && row?.column == 3)
    #expect(row?.problem.contains("2 fields; expected 3") == true)
    let extra = badRow { _ = try readOrders("customer_id,order_date,amount\nA,2024-01-01,1,2\n") }
    #expect(extra?.column == 4 && extra?.value == "2")
}

@Test func trailingEmptyFieldsAreTolerated() throws {
    let (log, _) = try readOrders("customer_id,order_date,amount\nA,2024-01-01,1,\n")
    #expect(log.count == 1)
}

@Test func unterminatedQuoteIsLocatedThroughTheReader() {
    let row = badRow { _ = try readOrders("customer_id,order_date,amount\nA,2024-01-01,1\n\"B,2024-01-02,2\n") }
    #expect(row?.line == 3 && row?.column == 1)
}

@Test func skipPolicyQuarantinesAndCounts() throws {
    let text = "customer_id,order_date,amount\nA,2024-01-01,1\nB,not a date,2\nC,2024-01-02,x\nD,2024-01-03\nE,2024-01-04,5\n"
    let (log, summary) = try readOrders(text, options: ReadOptions(onBadRows: .skip))
    #expect(log.count == 2)
    #expect(summary.rows == 5)
    #expect(summary.badRows.map(\.line) == [3, 4, 5])
    #expect(summary.badRows.map(\.column) == [2, 3, 3])
    #expect(summary.badRows[0].fields == ["B", "not a date", "2"])
}

@Test func forcedDateFormatRejectsOtherLayouts() {
    let row = badRow {
        _ = try readOrders("customer_id,order_date,amount\nA,2024-01-01,1\n", options: ReadOptions(dateFormat: .slashDate))
    }
    #expect(row?.problem.contains("2024/03/31") == true)
}

@Test func cp932FileWithJapaneseHeaderAndValues() throws {
    let text = "顧客ID,購入日,金額,チャネル\n田中,2024/01/05,1200,店舗\n鈴木,2024/01/06,800,ウェブ\n"
    let bytes = Array(text.data(using: .shiftJIS)!)
    var registry = CustomerRegistry()
    let (log, summary) = try OrderReader.read(path: TestFiles.write(bytes), registry: &registry)
    #expect(registry.ids == ["田中", "鈴木"])
    #expect(log.channelNames == ["店舗", "ウェブ"])
    #expect(summary.encoding == .cp932)
    var registry2 = CustomerRegistry()
    let forced = try OrderReader.read(path: TestFiles.write(bytes), options: ReadOptions(encoding: .cp932), registry: &registry2)
    #expect(forced.log.count == 2)
}

@Test func invalidUTF8WhenForcedIsLocated() {
    let bytes = Array("customer_id,date,amount\n".utf8) + [0x93, 0x63] + Array(",2024-01-01,1\n".utf8)
    var registry = CustomerRegistry()
    let row = badRow { _ = try OrderReader.read(path: TestFiles.write(bytes), options: ReadOptions(encoding: .utf8), registry: &registry) }
    #expect(row?.line == 2 && row?.column == 1)
    #expect(row?.problem.contains("UTF-8") == true)
}

@Test func utf8WithBOMAndJapaneseValues() throws {
    let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("顧客ID,日付,金額\n山田太郎,2024-01-01,100\n".utf8)
    var registry = CustomerRegistry()
    let (_, summary) = try OrderReader.read(path: TestFiles.write(bytes), registry: &registry)
    #expect(registry.ids == ["山田太郎"])
    #expect(summary.hadByteOrderMark && summary.encoding == .utf8)
}

/// The real UCI Online Retail file, against counts computed by pandas
/// (`Fixtures/online-retail-reference.py` wrote `Fixtures/online-retail-reference.json`).
@Test(.enabled(if: FileManager.default.fileExists(atPath: TestFiles.onlineRetailPath)))
func onlineRetailRealCounts() throws {
    let reference = try JSONSerialization.jsonObject(
        with: Data(contentsOf: URL(fileURLWithPath: TestFiles.fixture("online-retail-reference.json")))) as! [String: Any]
    var registry = CustomerRegistry()
    let (log, summary) = try OrderReader.read(path: TestFiles.onlineRetailPath, registry: &registry)
    #expect(summary.rows == 541_909)
    #expect(summary.orders == 25_900)
    #expect(summary.customers == 4_372)
    #expect(summary.guestRows == 135_080)
    #expect(summary.rows == reference["rows"] as! Int)
    #expect(summary.orders == reference["orders"] as! Int)
    #expect(summary.customerOrders == reference["customerOrders"] as! Int)
    #expect(summary.guestOrders == reference["guestOrders"] as! Int)
    #expect(summary.returnRows == reference["returnRows"] as! Int)
    #expect(summary.returnOrders == reference["returnOrders"] as! Int)
    #expect(summary.badRows.isEmpty)
    #expect(CalendarDay.isoString(summary.firstDay!) == reference["firstDate"] as! String)
    #expect(CalendarDay.isoString(summary.lastDay!) == reference["lastDate"] as! String)
    let total = reference["totalAmount"] as! Double
    #expect(abs(summary.totalAmount - total) <= 1e-9 * abs(total))
    let guestTotal = reference["guestAmount"] as! Double
    #expect(abs(summary.guestAmount - guestTotal) <= 1e-9 * abs(guestTotal))
    let customer = reference["customer17850"] as! [String: Any]
    let index = Int(registry.index(of: "17850")!)
    let orders = (0..<log.count).filter { Int(log.customerIndex[$0]) == index }
    #expect(orders.count == customer["orders"] as! Int)
    let amount = orders.reduce(0.0) { $0 + log.amount[$1] }
    #expect(abs(amount - (customer["amount"] as! Double)) <= 1e-9 * abs(amount))
    #expect(CalendarDay.isoString(orders.map { log.day[$0] }.min()!) == customer["firstDate"] as! String)
    #expect(CalendarDay.isoString(orders.map { log.day[$0] }.max()!) == customer["lastDate"] as! String)
    var ordersPerCustomer = [Int](repeating: 0, count: registry.count)
    for index in 0..<log.count { ordersPerCustomer[Int(log.customerIndex[index])] += 1 }
    for entry in reference["ordersPerCustomerTop"] as! [[String: Any]] {
        let index = Int(registry.index(of: entry["customer"] as! String)!)
        #expect(ordersPerCustomer[index] == entry["orders"] as! Int)
    }
}

@Test func japaneseAmountsAndDatesReadAsExported() throws {
    let text = """
        顧客ID,注文日,金額
        A,2024年1月8日,"12,500"
        B,2024年1月9日 09:05,"¥3,000"
        C,２０２４年１月１０日,￥１２，５００
        D,2024年01月11日,"3,000円"
        E,2024年1月12日,-¥500

        """
    let (log, summary) = try readOrders(text)
    #expect(log.count == 5)
    #expect(log.amount == [12500, 3000, 12500, 3000, -500])
    #expect(log.day == [day("2024-01-08"), day("2024-01-09"), day("2024-01-10"), day("2024-01-11"), day("2024-01-12")])
    #expect(summary.totalAmount == 30500)
}

@Test func japaneseFormsInQuantityAndUnitPrice() throws {
    let (log, _) = try readOrders("customer_id,date,数量,単価\nA,2024/01/08,２,\"¥1,250\"\n")
    #expect(log.amount == [2500])
}

@Test func forcedJapaneseDateFormatAndPlainNumbers() throws {
    let (log, _) = try readOrders("customer_id,date,amount\nA,2024年1月8日,12\n",
                                  options: ReadOptions(dateFormat: .japaneseDate, numberFormat: .plain))
    #expect(log.day == [day("2024-01-08")] && log.amount == [12])
    let wrongLayout = badRow {
        _ = try readOrders("customer_id,date,amount\nA,2024-01-08,12\n", options: ReadOptions(dateFormat: .japaneseDate))
    }
    #expect(wrongLayout?.problem == "expected a date like 2024年3月31日 (yyyy年M月d日, optionally with HH:mm:ss)")
    let plain = badRow {
        _ = try readOrders("customer_id,date,amount\nA,2024-01-08,\"12,500\"\n", options: ReadOptions(numberFormat: .plain))
    }
    #expect(plain?.line == 2 && plain?.column == 3 && plain?.value == "12,500")
    #expect(plain?.problem == "expected an amount such as 12.50 (--number-format plain reads plain numbers only)")
    let japanese = try readOrders("customer_id,date,amount\nA,2024-01-08,\"12,500\"\n", options: ReadOptions(numberFormat: .japanese))
    #expect(japanese.0.amount == [12500])
}

@Test func badJapaneseValuesAreLocated() {
    let grouping = badRow { _ = try readOrders("customer_id,order_date,amount\nA,2024年1月8日,\"1,000\"\nB,2024年1月9日,\"12,5000\"\n") }
    #expect(grouping?.line == 3 && grouping?.column == 3 && grouping?.columnName == "amount" && grouping?.value == "12,5000")
    #expect(grouping?.description.hasSuffix(":3:3: column \"amount\": value \"12,5000\": expected an amount such as 12.50"
        + " (thousands separators must group 3 digits as in 12,500; ¥ may come before the number or 円 after it)") == true)
    let yenAlone = badRow { _ = try readOrders("customer_id,order_date,amount\nA,2024-01-08,¥\n") }
    #expect(yenAlone?.line == 2 && yenAlone?.column == 3 && yenAlone?.value == "¥")
    let twoYen = badRow { _ = try readOrders("customer_id,order_date,amount\nA,2024-01-08,円円\n") }
    #expect(twoYen?.value == "円円" && twoYen?.problem.hasPrefix("expected an amount such as 12.50") == true)
    let badMonth = badRow { _ = try readOrders("customer_id,order_date,amount\nA,2024年1月8日,1\nB,2024年13月1日,2\n") }
    #expect(badMonth?.description.hasSuffix(
        ":3:2: column \"order_date\": value \"2024年13月1日\": expected a date like 2024年3月31日 (yyyy年M月d日, optionally with HH:mm:ss)") == true)
    let badDay = badRow { _ = try readOrders("customer_id,order_date,amount\nA,2024年2月30日,1\n") }
    #expect(badDay?.line == 2 && badDay?.column == 2 && badDay?.value == "2024年2月30日")
    #expect(badDay?.problem == "expected a date as yyyy-MM-dd, yyyy/MM/dd, yyyyMMdd or yyyy年M月d日, optionally with a time HH:mm[:ss]")
}

@Test func cp932FileWithJapaneseAmountsAndDates() throws {
    let text = "顧客ID,購入日,金額\n田中,2024年1月8日,\"￥12,500\"\n鈴木,２０２４年１月９日,３，０００円\n"
    let bytes = Array(text.data(using: .shiftJIS)!)
    var registry = CustomerRegistry()
    let (log, summary) = try OrderReader.read(path: TestFiles.write(bytes), registry: &registry)
    #expect(summary.encoding == .cp932)
    #expect(log.amount == [12500, 3000])
    #expect(log.day == [day("2024-01-08"), day("2024-01-09")])
}

@Test func japaneseValuesSettleTheEncodingAsUTF8() throws {
    let (_, byDate) = try readOrders("customer_id,date,amount\nA,2024年1月8日,100\n")
    #expect(byDate.encoding == .utf8)
    let (_, byAmount) = try readOrders("customer_id,date,amount\nA,2024-01-08,100\nB,2024-01-08,3000円\n")
    #expect(byAmount.encoding == .utf8)
    let (_, plain) = try readOrders("customer_id,date,amount\nA,2024-01-08,\"1,000\"\n")
    #expect(plain.encoding == .auto)
}

@Test func aSourceThatIsNotAFileBuildsTheSameLogThroughTheBuilder() throws {
    let text = """
        order_id,customer_id,order_date,amount,status,channel,category
        536365,17850,2010-12-01,15.3,,web,home
        536365,17850,2010-12-01,6,,web,home
        536366,13047,2010-12-02,5,shipped,store,garden
        C536379,17850,2010-12-03,-27.5,,web,home
        536380,,2010-12-03,4,,web,
        536381,13047,2010-12-04,9,Cancelled,store,garden

        """
    var fileRegistry = CustomerRegistry()
    let (fromFile, fileSummary) = try OrderReader.read(path: TestFiles.write(text), registry: &fileRegistry)

    var registry = CustomerRegistry()
    var builder = OrderLogBuilder(source: "shop.orders", usesOrderIDs: true)
    for line in text.split(separator: "\n").dropFirst() {
        let field = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        try builder.add(customerID: field[1], day: day(field[2]), amount: Double(field[3])!, orderID: field[0],
                        status: field[4], channel: field[5], category: field[6], registry: &registry)
    }
    let (log, summary) = builder.build(registry: registry)
    #expect(registry.ids == fileRegistry.ids)
    #expect(log.customerIndex == fromFile.customerIndex && log.day == fromFile.day && log.amount == fromFile.amount)
    #expect(log.flags == fromFile.flags && log.flags[3] == [.isReturn, .isCancellation], "status 'Cancelled' and C-prefixed ids")
    #expect(log.channelCode == fromFile.channelCode && log.channelNames == fromFile.channelNames && log.categoryNames == ["home", "garden"])
    #expect(summary.orders == fileSummary.orders && summary.customers == fileSummary.customers
        && summary.guestRows == fileSummary.guestRows && summary.returnOrders == fileSummary.returnOrders
        && summary.totalAmount == fileSummary.totalAmount && summary.lastDay == fileSummary.lastDay)
    #expect(summary.file == "shop.orders")

    #expect { try builder.add(customerID: "x", day: 0, amount: .infinity, registry: &registry) } throws: {
        "\($0)" == "shop.orders: amount beyond any number; expected an amount within ±1e15"
    }
}
