import ArgumentParser

/// `callvault consent`: what the law asks of each party before a call is recorded.
///
/// A command group, so that the consent tools (resolving a call's requirement, rendering
/// announcements, verifying receipts) sit together under one name.
struct Consent: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Work out what each party on a call must be told or asked before it is recorded.",
        discussion: """
            The rules come from CallVault's bundled jurisdiction catalog (each row with its sources), \
            or from a host's own catalog file laid over it. Not legal advice: the catalog records what \
            its sources say and reads anything uncertain or unknown as the stricter rule.
            """,
        subcommands: [Resolve.self, Announce.self, Verify.self]
    )
}
