import Testing
@testable import OrderHistory

@Test func columnNamesAreFoldedForMatching() {
    #expect(normalizedColumnName("Customer ID") == "customerid")
    #expect(normalizedColumnName("customer_id") == "customerid")
    #expect(normalizedColumnName("CustomerID") == "customerid")
    #expect(normalizedColumnName("顧客ID") == "顧客id")
}

@Test func defaultRolesKnowCommonExports() {
    #expect(ColumnRoles.customer.defaultNames.contains("customerid"))
    #expect(ColumnRoles.date.defaultNames.contains("invoicedate"))
    #expect(ColumnRoles.order.defaultNames.contains("invoiceno"))
    #expect(ReadOptions().onBadRows == .fail)
}
