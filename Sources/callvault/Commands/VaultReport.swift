import ArgumentParser
import CallVault
import CallVaultConsent
import CallVaultCore
import CallVaultSQLite

/// `callvault vault report`: what a customer is owed about one recording.
struct VaultReport: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract:
            "Print a recording's transparency report: why it is kept, until when, who reached it, how to complain.",
        discussion: """
            The report a customer is owed: the call, their consent receipts, how long the recording \
            is kept, whether a hold keeps it, every access to it (allowed or refused) from the audit \
            log, and the organisation's notice (purposes, retention, audiences, how to withdraw and \
            complain), in the language the customer was addressed in, or --language. Languages: \
            \(DisclosureLanguage.bundled.map(\.tag).joined(separator: ", ")) (a tag such as fr-CA \
            finds fr).

            \(VaultRecordingReference.discussion)

            From a simulated vault (made with 'vault init --simulation') the report starts with a \
            SIMULATION line: its times are simulated, and it is no report owed to a real customer.

            Exit status: 0 printed; 1 an unknown recording or a language without notices; 4 wrong \
            passphrase; 64 usage.
            """
    )

    @OptionGroup var location: VaultLocation

    @Argument(
        help: ArgumentHelp(
            "The recording: its id, a prefix of its id no other recording shares, or its call id.",
            valueName: "id"))
    var reference: String

    @Option(help: ArgumentHelp("The report's language, a BCP 47 tag such as de or fr-CA.", valueName: "tag"))
    var language: String?

    @Option(help: ArgumentHelp("The party the report is for (default: the customer).", valueName: "party"))
    var party: String?

    func run() async throws {
        try await reportingVaultFailures {
            try await location.withOpenedVault(.reading) { opened in
                let id = try await VaultRecordingReference(text: reference).resolve(
                    in: opened.stores.catalog, verifyingKey: try location.folder.verifyingKey())
                let report = try await opened.vault.transparencyReport(
                    for: id, customer: party.map { PartyID($0) }, languageTag: language)
                // A report from a simulation is never to be taken for one owed to a real customer.
                if opened.configuration.simulation {
                    print(
                        "SIMULATION: this vault is a simulation; the report's times are simulated, not a real customer's"
                    )
                }
                print(report.text)
            }
        }
    }
}
