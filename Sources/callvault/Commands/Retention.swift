import ArgumentParser

/// `callvault retention`: how long call recordings must, may and will be kept.
///
/// A command group, as `callvault consent` is, so the retention tools (listing the catalog's rules,
/// computing one recording's schedule) sit together under one name.
struct Retention: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Work out how long a call recording must, may and will be kept, and why.",
        discussion: """
            The rules come from CallVault's bundled retention catalog (laws, regulations and standards, \
            each with its sources) or a host's own catalog file, and from a host's retention policies. \
            Not legal advice: the catalog records what its sources say; read a rule's notes and sources \
            (regimes --json) before relying on it.
            """,
        subcommands: [Regimes.self, Schedule.self]
    )
}
