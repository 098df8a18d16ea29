// `import CallVault` is all a host writes to use the SDK: it re-exports every module whose types a
// host names when it records, plays back, holds, sweeps and audits (the guides use them all), so a
// first build never fails on a type that lives one module down. A host that links only part of the
// SDK imports that module alone (`import CallVaultCrypto`); the storage products
// (`CallVaultSQLite`) are imported beside this one.
@_exported public import CallVaultAccess
@_exported public import CallVaultAudit
@_exported public import CallVaultCapture
@_exported public import CallVaultConsent
@_exported public import CallVaultCore
@_exported public import CallVaultCrypto
@_exported public import CallVaultRetention
