import ArgumentParser
import CallVaultConsent
import CallVaultCore
import Foundation

extension Consent {
    /// `callvault consent resolve`: each party's requirement (nothing, notice or consent) for one call.
    struct Resolve: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Decide what each party must be told or asked before a call is recorded, and why.",
            discussion: """
                Give each party as ROLE@CODE[:MEDIUM]: ROLE is customer, agent, third-party or bot; CODE \
                an ISO 3166-1 country (DE), an ISO 3166-2 subdivision (US-CA) or unknown; MEDIUM landline \
                (the default), mobile or voip. For example:

                  callvault consent resolve --party customer@US-CA:mobile --party agent@US-TX

                The strictest rule across every party wins and applies to every customer and third party; \
                agents and bots belong to the recording organisation and need nothing. An unknown place, a \
                bare US or AU (whose rules differ by state) or a code the catalog lacks reads as all-party \
                with explicit consent.

                Exit status: 0 decided; 1 the catalog file is unreadable or invalid (the message names \
                the line); 64 usage error.
                """
        )

        @Option(help: ArgumentHelp("Who placed the call: inbound or outbound.", valueName: "direction"))
        var direction: DirectionArgument = .inbound

        @Option(
            name: .customLong("party"),
            help: ArgumentHelp(
                "A party on the call, as ROLE@CODE[:MEDIUM]; repeat for each party.",
                valueName: ConsentPartyArgument.form),
            transform: { text throws(ConsentArgumentError) in try ConsentPartyArgument(parsing: text) })
        var parties: [ConsentPartyArgument] = []

        @Option(
            name: .customLong("purpose"),
            help: ArgumentHelp(
                "A purpose of the recording (quality, training, dispute-resolution, legal-regulatory, customer-request or your own); repeat for more. Default: quality.",
                valueName: "purpose"),
            transform: { text throws(ConsentArgumentError) in
                guard let purpose = try? Purpose(text) else { throw .notAPurpose(text) }
                return purpose
            })
        var purposes: [Purpose] = []

        @Option(
            help: ArgumentHelp(
                "A catalog file (CallVault's CSV catalog format) whose rows replace or add to the bundled ones.",
                valueName: "file"))
        var catalog: String?

        @Flag(help: "Print JSON (stable keys, for scripts).")
        var json = false

        func validate() throws {
            guard !parties.isEmpty else {
                throw ValidationError(
                    "Give at least one --party \(ConsentPartyArgument.form), such as --party customer@US-CA:mobile --party agent@US-TX."
                )
            }
        }

        func run() throws {
            try reportingFailures {
                let rules = try ConsentCatalogFile.catalog(overriddenBy: catalog)
                var distinctPurposes: [Purpose] = []
                for purpose in purposes where !distinctPurposes.contains(purpose) { distinctPurposes.append(purpose) }
                let decision = RequirementResolver(catalog: rules).resolve(
                    direction: direction.callDirection,
                    parties: parties.enumerated().map { $1.party(number: $0 + 1) },
                    purposes: distinctPurposes.isEmpty ? [.quality] : distinctPurposes)
                print(json ? try ConsentResolveReport(decision).json() : ConsentResolveReport.text(for: decision))
            }
        }
    }
}

/// The `--direction` values.
enum DirectionArgument: String, ExpressibleByArgument, CaseIterable {
    case inbound
    case outbound

    var callDirection: CallDirection {
        switch self {
        case .inbound: .inbound
        case .outbound: .outbound
        }
    }
}
