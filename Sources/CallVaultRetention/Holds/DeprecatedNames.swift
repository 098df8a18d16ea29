// The names these types had before 1.0, kept so a host's code compiles with a deprecation warning
// that names the new one. To be removed in 2.0.

/// The former name of ``LegalHoldAuthoriser``.
@available(*, deprecated, renamed: "LegalHoldAuthoriser")
public typealias LegalHoldAuthorizer = LegalHoldAuthoriser
