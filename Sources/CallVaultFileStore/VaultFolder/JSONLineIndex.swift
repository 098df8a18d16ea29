import CallVaultSupport

/// The line each field of a JSON document starts on, so an error about a field of `vault.json`
/// can point at its line. Paths are written as the configuration's errors name fields:
/// `consentPolicy.responseTimeoutSeconds`, `purposes[1]`, `retentionPolicies.policies[0].id`.
///
/// Built from the support layer's strict reader (``JSONReader``), the same parse that finds a key
/// written twice in one object.
struct JSONLineIndex {
    private var lines: [String: Int] = [:]

    /// The index of a document `JSONReader` read.
    init(_ document: JSONNode) {
        for field in document.fields() where lines[field.path] == nil {
            lines[field.path] = field.position.line
        }
    }

    /// The line (from 1) of `field`, or of the nearest enclosing field the index knows.
    func line(of field: String) -> Int? {
        var path = field
        while !path.isEmpty {
            if let line = lines[path] { return line }
            guard let cut = path.lastIndex(where: { $0 == "." || $0 == "[" }) else { break }
            path = String(path[..<cut])
        }
        return nil
    }
}
