import ArgumentParser

/// `callvault access`: who may reach a recording, for what, and why.
struct Access: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Check, offline, what an access policy decides for a principal, a recording, an action and a purpose.",
        discussion: """
            `callvault access check` evaluates one request against a policy file exactly as a host's \
            access controller would, without keys or recordings: deny by default, an explicit deny \
            overrides any allow, a purpose the customer was not told about needs new consent (except \
            legal-regulatory: a court order or a regulator's demand is a legal obligation, decided by \
            the rules alone), and break-glass needs a written justification and is always flagged.

            Exit status of `access check`: 0 allowed; 6 denied; 1 an unreadable or invalid file; 64 usage.
            """,
        subcommands: [AccessCheck.self]
    )
}
