import ArgumentParser

/// `callvault audit`: the tamper-evident audit log.
struct Audit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Verify a CallVault audit log (its hash chain, signed checkpoints and completeness), and witness its checkpoints.",
        subcommands: [AuditVerify.self, AuditWitness.self]
    )
}
