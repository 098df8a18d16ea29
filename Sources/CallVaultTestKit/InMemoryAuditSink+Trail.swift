public import CallVault

/// The sink reads its entries back (an `AuditSink` requirement), which is what a trail does.
extension InMemoryAuditSink: AuditTrail {}
