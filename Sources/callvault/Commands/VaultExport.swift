import ArgumentParser
import CallVault
import CallVaultCore
import CallVaultSQLite
import Foundation

/// `callvault vault export`: a legal export package, re-encrypted for its recipients.
struct VaultExport: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract:
            "Export a recording for a legal request: re-encrypted for the recipients, signed, verified after writing.",
        discussion: """
            The request goes through the vault's access policy as export-legal (decided, audited, \
            granted, released by the key custodian, as a host's export is). The package folder holds \
            recording.cvr (the audio, encrypted for the --recipient keys only: open it with \
            'callvault open'), metadata.json, the signed consent receipts (later-consents/ holds \
            those given after the call, if any), the recording's audit history, and manifest.json signed with the organisation's key. After writing, the package \
            is read back and verified against the vault's verifying key. The package is built in a \
            temporary folder beside --out (.NAME.callvault-export-*, files 0600) and renamed into place \
            when whole, so an interrupted export leaves no package; the next export to the same --out \
            removes what it left. Every export is entered in the export register ('vault exports') \
            before it is audited: the package is a copy outside the vault's control, which a later \
            deletion of the recording does not reach and its deletion certificate names.

            Exit status: 0 exported and verified; 6 the policy denied the request (reasons printed, \
            refusal audited); 2 the package written does not verify; 1 an unknown recording, one \
            without audio, a bad principal file or recipient, or --out not empty; 4 wrong passphrase; \
            64 usage.

            \(VaultRecordingReference.discussion)
            """
    )

    @OptionGroup var location: VaultLocation

    @Argument(
        help: ArgumentHelp(
            "The recording: its id, a prefix of its id no other recording shares, or its call id.",
            valueName: "id"))
    var reference: String

    @OptionGroup var request: VaultRequestOptions

    @Option(help: ArgumentHelp("The legal request served (court order, regulator's letter).", valueName: "reference"))
    var legalReference: String

    @Option(
        name: .customLong("recipient"),
        help: ArgumentHelp(
            "Who may open the package: a recipient string or .pub file; repeat for each.", valueName: "recipient"))
    var recipients: [String]

    @Option(help: ArgumentHelp("The package folder to write (new or empty).", valueName: "dir"))
    var out: String

    func validate() throws {
        guard !recipients.isEmpty else {
            throw ValidationError("Give at least one --recipient to encrypt the export for.")
        }
    }

    func run() async throws {
        try await reportingVaultFailures {
            let keys = try recipients.map(Inputs.recipient)
            let folder = URL(fileURLWithPath: out)
            try VaultOutputs.checkPackageFolder(out)
            if FileManager.default.fileExists(atPath: folder.path),
                !((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).isEmpty
            {
                throw VaultToolError.exportFolderNotEmpty(out)
            }
            try await location.withOpenedVault(.changing) { opened in
                let id = try await VaultRecordingReference(text: reference).resolve(
                    in: opened.stores.catalog, verifyingKey: opened.verifyingKey)
                let principal = try await VaultPrincipal.load(request.principalFile, training: opened.training)
                let package = try await VaultDecision.printing {
                    try await opened.playback.exportForLegalRequest(
                        id, request.request(principal, legalReference: legalReference), recipients: keys)
                }
                print(
                    "ALLOWED: export-legal by \(principal.id) on recording \(id) for \(request.purpose) "
                        + "(grant \(package.manifest.content.grantNonce))")
                // What a killed export left beside the folder never became a package: write removes it.
                let leftovers = try ExportPackage.halfBuilt(at: folder)
                try package.write(to: folder)
                for leftover in leftovers {
                    Terminal.note("removed a half-built export an interrupted export had left: \(leftover.path)")
                }
                let manifest = try ExportPackage.verify(
                    files: try ExportPackage.readFiles(in: folder), trustedKey: opened.verifyingKey)
                print(
                    "exported \(id) to \(folder.path) and verified it against the vault's key \(opened.verifyingKey):")
                for file in manifest.files { print("  \(file.name)  \(file.byteCount) bytes") }
                print("recipients: \(manifest.recipients.joined(separator: ", "))")
                print("legal reference: \(manifest.legalReference ?? "-")")
            }
        }
    }
}
