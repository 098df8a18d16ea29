// The names these types had before 1.0, kept so a host's code compiles with a deprecation warning
// that names the new one. To be removed in 2.0.

/// The former name of `ConsentConfiguration`.
@available(*, deprecated, renamed: "ConsentConfiguration")
public typealias VaultConsentSettings = ConsentConfiguration

/// The former name of ``DatabaseIntegrityReport``.
@available(*, deprecated, renamed: "DatabaseIntegrityReport")
public typealias VaultIntegrityReport = DatabaseIntegrityReport

/// The former name of ``DatabaseIntegrityProblem``.
@available(*, deprecated, renamed: "DatabaseIntegrityProblem")
public typealias VaultIntegrityProblem = DatabaseIntegrityProblem

/// The former name of ``AuditAnchorCheck``.
@available(*, deprecated, renamed: "AuditAnchorCheck")
public typealias VaultAuditLogCheck = AuditAnchorCheck
