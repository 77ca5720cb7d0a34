import OrderHistory

/// Customer attributes from the customer file: numeric columns as they are, categorical columns with
/// few levels one-hot, and the days since sign-up and since the last contact.
///
/// A column is numeric when every non-empty value is a number; categorical when it has at most
/// `maxLevels` distinct values (levels in sorted order, one 0/1 column each, named
/// `customer:column=level`; an empty value gives `NaN` in all of them); other columns (free text, ids)
/// are left out and listed in `skipped`. Customers missing from the customer file get `NaN`. Numeric
/// columns are named `customer:column`: the namespace keeps a customer column such as `spend_365d` apart
/// from the built-in features (`FeatureKind.dataDerivedName`).
public enum AttributeFeatures {
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
                table.add(FeatureKind.attribute(name: name).dataDerivedName!, column { numbers[$0] })
                continue
            }
            let levels = Set(values.filter { !$0.isEmpty }).sorted()
            guard levels.count <= maxLevels else {
                skipped.append(name)
                continue
            }
            for level in levels {
                table.add(FeatureKind.level(attribute: name, level: level).dataDerivedName!, column { row in
                    values[row].isEmpty ? .nan : (values[row] == level ? 1 : 0)
                })
            }
        }
        return skipped
    }
}
