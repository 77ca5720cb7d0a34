import Foundation
import Testing

@Test func outcomesMeasureCalledAgainstControlAsTextAndJSON() throws {
    let folder = CommandLineHarness.folder()
    let contacts = CommandLineHarness.write(Array("""
        customer_id,contact_date,group,list
        c1,2024-03-01,call,retention
        c2,2024-03-01,call,retention
        k1,2024-03-01,control,retention
        k2,2024-03-01,control,retention
        c3,2024-03-25,call,retention
        """.utf8), "contacts.csv", in: folder)
    let orders = CommandLineHarness.write(Array("""
        customer_id,order_date,amount
        c1,2024-03-05,50
        c2,2024-03-06,30
        k1,2024-03-07,20
        k2,2023-12-01,10
        c3,2024-03-26,10
        """.utf8), "orders.csv", in: folder)
    let result = try CommandLineHarness.run(["outcomes", "--contacts", contacts, "--orders", orders, "--horizon", "14d",
                                             "--as-of", "2024-03-31", "--json"])
    #expect(result.exitCode == 0, "\(result.stderr)")
    let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    let lists = try #require(object["lists"] as? [[String: Any]])
    let called = try #require(lists.first?["called"] as? [String: Any])
    let control = try #require(lists.first?["control"] as? [String: Any])
    #expect(lists.first?["list"] as? String == "retention")
    #expect(called["customers"] as? Int == 2 && called["purchasers"] as? Int == 2)
    #expect(control["customers"] as? Int == 2 && control["purchasers"] as? Int == 1)
    let lift = try #require(lists.first?["purchaseRateLift"] as? [String: Any])
    #expect(lift["estimate"] as? Double == 0.5 && lift["low"] != nil && lift["high"] != nil)
    #expect((lists.first?["spendPerCustomerLift"] as? [String: Any])?["estimate"] as? Double == 30)
    #expect(object["incomplete"] as? Int == 1, "c3's window ends after the as-of date")
    #expect((object["campaigns"] as? [[String: Any]])?.count == 1)

    let text = try CommandLineHarness.run(["outcomes", "--contacts", contacts, "--orders", orders, "--horizon", "14d",
                                           "--as-of", "2024-03-31"])
    #expect(text.exitCode == 0 && text.stdout.contains("purchase rate +50.0 points") && text.stdout.contains("too few to tell"),
            "\(text.stdout)")

    let bad = CommandLineHarness.write(Array("customer_id,contact_date,group\nc1,2024-03-01,maybe\n".utf8), "bad.csv", in: folder)
    let refused = try CommandLineHarness.run(["outcomes", "--contacts", bad, "--orders", orders])
    #expect(refused.exitCode == 1 && refused.stderr.contains("bad.csv:2:3") && refused.stderr.contains("call or control"),
            "\(refused.stderr)")
}
