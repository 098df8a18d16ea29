import ArgumentParser

/// `callvault audit`: the tamper-evident audit log.
struct Audit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Verify a CallVault audit log: its hash chain, its signed checkpoints and its completeness.",
        subcommands: [AuditVerify.self]
    )
}
