/// A catalog file read as a table: its header checked against the columns a catalog knows, and
/// each row as named values with its line. The consent and retention catalogs share it and map
/// its errors to their own typed errors.
package struct CatalogTable {
    /// One data row.
    package struct Row: Sendable {
        /// The line the row starts on.
        package let line: Int
        /// The row's values by column name.
        package let values: [String: String]
    }

    /// What is wrong with a table's shape.
    package enum Problem: Error, Sendable {
        /// Not valid CSV.
        case malformed(line: Int, reason: String)
        /// No header line.
        case empty
        /// A required column is missing.
        case missingColumn(String)
        /// A column appears twice in the header.
        case repeatedColumn(line: Int, column: String)
        /// A column the catalog does not know.
        case unknownColumn(line: Int, column: String, known: [String])
        /// A row has more or fewer fields than the header.
        case wrongFieldCount(line: Int, expected: Int, found: Int)
    }

    /// The header's columns, in order.
    package let columns: [String]
    /// The header's line.
    package let headerLine: Int
    /// The data rows, in order.
    package let rows: [Row]

    /// Reads `csv`, requiring `required` columns and allowing `optional` ones.
    package init(csv: String, required: [String], optional: [String]) throws(Problem) {
        let records: [CatalogCSV.Record]
        do {
            records = try CatalogCSV.parse(csv)
        } catch {
            throw .malformed(line: error.line, reason: error.reason)
        }
        guard let header = records.first else { throw .empty }
        let columns = header.fields.map { $0.trimmingSpaces() }
        for column in required where !columns.contains(column) {
            throw .missingColumn(column)
        }
        var named = Set<String>()
        for column in columns where !named.insert(column).inserted {
            throw .repeatedColumn(line: header.line, column: column)
        }
        if let unknown = columns.first(where: { !required.contains($0) && !optional.contains($0) }) {
            throw .unknownColumn(line: header.line, column: unknown, known: required + optional)
        }
        var rows: [Row] = []
        for record in records.dropFirst() {
            guard record.fields.count == columns.count else {
                throw .wrongFieldCount(line: record.line, expected: columns.count, found: record.fields.count)
            }
            rows.append(Row(line: record.line, values: Dictionary(uniqueKeysWithValues: zip(columns, record.fields))))
        }
        self.columns = columns
        self.headerLine = header.line
        self.rows = rows
    }
}
