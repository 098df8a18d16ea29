import ArgumentParser
import CallVault
import CallVaultAudit
import CallVaultCore
import CallVaultCrypto
import CallVaultRetention
import CallVaultSQLite

/// `callvault`: seal, open, inspect and rewrap encrypted call recordings, and operate vault folders.
@main
struct CallVaultTool: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "callvault",
        abstract: "Encrypt call recordings so only chosen recipients can open them, and prove they were not altered.",
        discussion: """
            Passphrases come from CALLVAULT_PASSPHRASE, or are asked for at the terminal with echo off.

            Exit status: 0 success; 1 bad input or an I/O error; 2 the envelope was altered or damaged; \
            3 the envelope is incomplete (cut short); 4 wrong key or wrong passphrase; \
            5 a format or cipher suite this build does not read; 6 access denied (access check, vault play and \
            export, a principal who is not a hold officer); 64 usage error.
            """,
        subcommands: [
            Keygen.self, Seal.self, Open.self, Inspect.self, Rewrap.self, Consent.self, Retention.self, Access.self,
            Audit.self, VaultCommand.self, VerifyExport.self,
        ]
    )
}

/// Runs a command body, printing any error as one clear line and exiting with a status that tells
/// scripts what kind of failure it was.
func reportingFailures(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as ExitCode {
        throw error
    } catch {
        Terminal.note("error: \(error)")
        throw ExitCode(exitStatus(for: error))
    }
}

func exitStatus(for error: any Error) -> Int32 {
    switch error {
    case EnvelopeError.headerTampered, EnvelopeError.segmentTampered, EnvelopeError.endMarkerTampered,
        EnvelopeError.malformedHeader,
        EnvelopeError.keyCommitmentMismatch, CryptoError.wrapDoesNotOpen, CryptoError.wrapBoundToOtherRecording,
        CryptoError.identityFileInconsistent:
        2
    case EnvelopeError.truncated, EnvelopeError.headerTruncated:
        3
    case ExportError.manifestMissing, ExportError.manifestNotTrusted, ExportError.fileMissing,
        ExportError.fileNotListed, ExportError.fileAltered, AuditError.damaged, AuditError.timeInTheFuture:
        2
    case is VaultFilesError:
        2
    case is CatalogIntegrityError, PlaybackError.mediaFormatMismatch, PlaybackError.keysMissingWithoutDeletion,
        PlaybackError.blobDamaged, LaterConsentError.receiptDoesNotVerify, LaterConsentError.withdrawalMissing:
        2
    case AuditError.tornTail:
        3
    case VaultDatabaseError.missing, VaultDatabaseError.empty, VaultDatabaseError.notADatabase,
        VaultDatabaseError.missingFolder, VaultDatabaseError.migrationsDamaged, VaultDatabaseError.schemaAltered:
        2
    case EnvelopeError.noMatchingRecipient, EnvelopeError.noEmbeddedWraps, CryptoError.wrongPassphrase,
        AuditError.wrongSigner:
        4
    case EnvelopeError.notAnEnvelope, EnvelopeError.unsupportedFormatVersion, EnvelopeError.unsupportedAlgorithm,
        CryptoError.unsupportedIdentityFileVersion:
        5
    case PlaybackError.denied, LegalHoldError.notAuthorised:
        6
    case let error as VaultAuditLogError:
        VaultAuditLogExit.status(for: error)
    case is ToolDateError, VaultReferenceError.notAReference:
        64
    default:
        1
    }
}
