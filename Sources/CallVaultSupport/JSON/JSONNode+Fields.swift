extension JSONNode {
    /// Every object member and list element below this value, in the order written, with its
    /// path as CallVault's errors name fields (`consentPolicy.maximumPrompts`, `purposes[1]`,
    /// `retentionPolicies.policies[0].id`) and where it is: a member's key, an element's value.
    package func fields() -> [(path: String, position: JSONPosition)] {
        var found: [(path: String, position: JSONPosition)] = []
        walk(path: "") { path, position, _ in
            found.append((path, position))
            return true
        }
        return found
    }

    /// The first key written twice in one object, in the order written: its path, the key, and
    /// where its second occurrence is. JSON leaves such a document's meaning open (readers take
    /// different occurrences), so CallVault's callers refuse it.
    package func firstRepeatedKey() -> (path: String, key: String, position: JSONPosition)? {
        var repeated: (path: String, key: String, position: JSONPosition)?
        walk(path: "") { path, position, key in
            guard let key else { return true }
            repeated = (path, key, position)
            return false
        }
        return repeated
    }

    /// Visits members and elements depth first in document order; `visit` gets the path, the
    /// position, and the key when it is a member that repeats an earlier key of its object (else
    /// `nil`), and returns whether to go on.
    @discardableResult
    private func walk(path: String, _ visit: (String, JSONPosition, String?) -> Bool) -> Bool {
        switch value {
        case .object(let members):
            var keys: Set<String> = []
            for member in members {
                let child = path.isEmpty ? member.key : "\(path).\(member.key)"
                let repeated = !keys.insert(member.key).inserted
                guard visit(child, member.keyPosition, repeated ? member.key : nil),
                    member.value.walk(path: child, visit)
                else { return false }
            }
        case .array(let elements):
            for (index, element) in elements.enumerated() {
                let child = "\(path)[\(index)]"
                guard visit(child, element.position, nil), element.walk(path: child, visit) else { return false }
            }
        case .string, .number, .bool, .null:
            break
        }
        return true
    }
}
