extension AuditRecord {
    /// The namespaces CallVault writes its own entries under: the first dot-separated part of
    /// their actions (`hold.placed`, `recording.deleted`) and the first hyphen-separated word of
    /// their event ids (`hold-placed:…`, `later-consent:…`, `vault-files-v3`).
    ///
    /// A vault reads entries in these namespaces as facts (holds, deletions, later consents, the
    /// signed files' versions), so a vault's log refuses them from a host
    /// (``AuditError/reservedForCallVault(action:eventID:namespace:)``). The list is wider than
    /// today's actions, so a later version's new action cannot collide with one a host chose.
    public static let callVaultNamespaces: Set<String> = [
        "access", "audit", "callvault", "catalog", "complaint", "consent", "erasure", "export", "grant", "hold",
        "key", "later", "recording", "retention", "subject", "subject-access", "training", "vault",
    ]

    /// The CallVault namespace this record's action or event id is in, or `nil` for a host's own.
    package var callVaultNamespace: String? {
        let actionSpace = String(action.identifier.prefix { $0 != "." })
        if Self.callVaultNamespaces.contains(actionSpace) { return actionSpace }
        guard let eventID else { return nil }
        let eventSpace = String(eventID.lowercased().prefix { $0 != "-" && $0 != ":" && $0 != "." })
        return Self.callVaultNamespaces.contains(eventSpace) ? eventSpace : nil
    }
}
