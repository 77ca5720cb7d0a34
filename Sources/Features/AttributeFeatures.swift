import OrderHistory

/// Customer attributes from the customer file: numeric columns as they are, categorical columns with
/// few levels one-hot, and the days since sign-up and since the last contact.
///
/// A column is numeric when every non-empty value is a number; categorical when it has at most
/// `maxLevels` distinct values (levels in sorted order, one 0/1 column each, named
/// `customer:column=level`; an empty value gives `NaN` in all of them); other columns (free text, ids)
/// are left out and listed in `skipped`. Customers missing from the customer file get `NaN`. Numeric
/// columns are named `customer:column`: the namespace keeps a customer column such as `spend_365d` apart
/// from the built-in features.
public enum AttributeFeatures {
    /// The prefix of the features made from customer-file columns.
    public static let prefix = "customer:"

    /// `customer:<column>`: a numeric customer-file column.
    public static func numericName(_ column: String) -> String { prefix + column }

    /// `customer:<column>=<level>`: one level of a categorical customer-file column.
    public static func levelName(_ column: String, level: String) -> String { "\(prefix)\(column)=\(level)" }

    /// Adds the attribute columns; returns the names of the columns left out.
    @discardableResult
    public static func add(to table: inout FeatureTable, customers: CustomerTable, maxLevels: Int = 10) -> [String] {
        let asOf = table.asOfDay
        // Customer index -> row of the customer file (−1: not in it); an array, not a dictionary, because
        // every column looks up every customer.
        var rowOf = [Int](repeating: -1, count: table.rowCount)
        for (row, customer) in customers.customerIndex.enumerated() where Int(customer) < table.rowCount { rowOf[Int(customer)] = row }
        func column(_ value: (Int) -> Double) -> [Double] {
            (0..<table.rowCount).map { customer in rowOf[customer] >= 0 ? value(rowOf[customer]) : .nan }
        }
        table.add("days_since_signup", column { row in
            guard let day = customers.signupDay[row], day <= asOf else { return .nan }
            return Double(asOf - day)
        })
        table.add("days_since_last_contact", column { row in
            guard let day = customers.lastContactedDay[row], day <= asOf else { return .nan }
            return Double(asOf - day)
        })
        var skipped: [String] = []
        for (offset, name) in customers.attributeNames.enumerated() {
            let values = customers.attributes[offset]
            let numbers = values.map { $0.isEmpty ? Double.nan : (Double($0) ?? -.infinity) }
            if !numbers.contains(-.infinity) {
                table.add(numericName(name), column { numbers[$0] })
                continue
            }
            let levels = Set(values.filter { !$0.isEmpty }).sorted()
            guard levels.count <= maxLevels else {
                skipped.append(name)
                continue
            }
            for level in levels {
                table.add(levelName(name, level: level), column { row in
                    values[row].isEmpty ? .nan : (values[row] == level ? 1 : 0)
                })
            }
        }
        return skipped
    }
}

extension AttributeFeatures: FeatureFamilyBuilder {
    /// The customer-file columns (nothing without a customer file).
    public static func add(to table: inout FeatureTable, from history: CustomerHistory, loyaltyRule: LoyaltyRule?) {
        guard let customers = history.customers else { return }
        _ = add(to: &table, customers: customers)
    }

    /// `days_since_signup`, `days_since_last_contact`, and `customer:<column>` and
    /// `customer:<column>=<level>` for any column (the level follows the first `=`).
    public static func descriptor(for name: String) -> FeatureDescriptor? {
        guard let descriptor = untitledDescriptor(for: name) else { return nil }
        guard let (english, japanese) = title(of: name) else { return descriptor }
        return descriptor.titled(english, japanese)
    }

    /// The column's name in plain words, in English and Japanese.
    static func title(of name: String) -> (String, String)? {
        switch name {
        case "days_since_signup": return ("days since sign-up", "会員登録からの日数")
        case "days_since_last_contact": return ("days since the last contact", "最終連絡からの日数")
        default:
            guard name.hasPrefix(prefix) else { return nil }
            let attribute = String(name.dropFirst(prefix.count))
            guard let equals = attribute.firstIndex(of: "=") else { return (attribute, attribute) }
            let words = "\(attribute[..<equals]) = \(attribute[attribute.index(after: equals)...])"
            return (words, words)
        }
    }

    private static func untitledDescriptor(for name: String) -> FeatureDescriptor? {
        switch name {
        case "days_since_signup":
            return FeatureDescriptor(name: name, family: .tenure, unit: .days, churnRiskDirection: 0, input: .customers,
                                     english: { w in
                w.value.isNaN ? "sign-up date unknown" : "signed up \(ReasonWords.ago(w.value))" + w.typicalNote
            }, japanese: { w in
                w.value.isNaN ? "登録日不明" : "登録から\(ReasonWords.number(w.value))日" + w.typicalNoteJapanese("日")
            })
        case "days_since_last_contact":
            return FeatureDescriptor(name: name, family: .contact, unit: .days, churnRiskDirection: 0, input: .customers,
                                     english: { w in
                w.value.isNaN ? "no contact on record" : "last contacted \(ReasonWords.ago(w.value))" + w.typicalNote
            }, japanese: { w in
                w.value.isNaN ? "接触記録なし" : "最終接触から\(ReasonWords.number(w.value))日" + w.typicalNoteJapanese("日")
            })
        default:
            guard name.hasPrefix(prefix) else { return nil }
            let attribute = name.dropFirst(prefix.count)
            guard let equals = attribute.firstIndex(of: "=") else {
                let column = String(attribute)
                return FeatureDescriptor(name: name, family: .attribute(name: column), unit: .number, churnRiskDirection: 0,
                                         input: .customers, english: { w in
                    w.value.isNaN ? "\(column): no data" : "\(column): \(ReasonWords.number(w.value))" + w.typicalNote
                }, japanese: { w in
                    w.value.isNaN ? "\(column): データなし" : "\(column): \(ReasonWords.number(w.value))" + w.typicalNoteJapanese()
                })
            }
            let column = String(attribute[..<equals]), level = String(attribute[attribute.index(after: equals)...])
            return FeatureDescriptor(name: name, family: .attribute(name: column), unit: .indicator, churnRiskDirection: 0,
                                     input: .customers, english: { w in
                w.value.isNaN ? "\(column) unknown" : (w.value == 0 ? "\(column): not \(level)" : "\(column): \(level)")
            }, japanese: { w in
                w.value.isNaN ? "\(column): 不明" : (w.value == 0 ? "\(column): \(level)以外" : "\(column): \(level)")
            })
        }
    }
}
