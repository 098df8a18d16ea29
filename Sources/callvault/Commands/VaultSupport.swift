import ArgumentParser
import CallVault
import CallVaultAccess
import CallVaultCore
import CallVaultCrypto
import CallVaultSQLite
import Foundation

/// The `--vault DIR` option every `callvault vault` command takes, and the ways a command opens
/// the folder it names.
struct VaultLocation: ParsableArguments {
    @Option(
        name: .customLong("vault"),
        help: ArgumentHelp("The vault folder (made by 'callvault vault init').", valueName: "dir"))
    var directory: String

    @Flag(
        help: ArgumentHelp(
            "The vault is a simulation: init makes one; commands that change one need this, and refuse it for a live vault."
        ))
    var simulation = false

    var folder: VaultFolder { VaultFolder(URL(fileURLWithPath: directory)) }

    /// Checks the vault's `simulation` mark against what the command does, before anything is
    /// asked or opened: a command that changes a simulated vault runs only with `--simulation`,
    /// and no command takes `--simulation` for a live vault. A simulated vault is noted on
    /// standard error (one line), whatever the command.
    ///
    /// - Returns: whether the vault is a simulation, as the library's open is to be told.
    @discardableResult
    func checkSimulation(_ access: VaultAccess) throws -> Bool {
        let configuration = try folder.configuration()
        switch (configuration.simulation, simulation) {
        case (false, true): throw VaultFolderError.notASimulation(path: folder.directory.path)
        case (true, false) where access == .changing: throw VaultToolError.simulatedVault(folder.directory.path)
        case (true, _):
            Terminal.note(
                "note: \(folder.directory.path) is a simulated vault (its vault.json says \"simulation\": true): its times are simulated and it is no record of real calls"
            )
        case (false, false): break
        }
        return configuration.simulation
    }

    /// Opens the vault for writing, with the passphrase from `CALLVAULT_PASSPHRASE` or the
    /// terminal, runs `body`, and closes it (signing the audit log's last entries) whether or not
    /// `body` succeeded. Opening settles recordings a crash left open and finishes deletions a
    /// stopped sweep began; each is named on standard error. `access` says whether the command
    /// changes what the vault holds (refused for a simulated vault without `--simulation`) or
    /// only reads it (its audit entries are written, at the real time, as for every read).
    func withOpenedVault<Result>(
        _ access: VaultAccess, _ body: (OpenedVault) async throws -> Result
    ) async throws -> Result {
        let folder = self.folder
        let simulated = try checkSimulation(access)
        let passphrase = try Terminal.passphrase(prompt: "Passphrase for the vault \(folder.directory.path): ")
        let opened = try await VaultFolder.open(at: folder.directory, passphrase: passphrase, simulation: simulated)
        for recording in opened.settledRecordings {
            Terminal.note("settled recording \(recording.id), left open by a crash: kept as incomplete")
        }
        for id in opened.finishedDeletions {
            Terminal.note("finished deleting recording \(id), which a stopped sweep had begun (certified and audited)")
        }
        for failure in opened.unfinishedDeletions {
            Terminal.note(
                "could not finish deleting recording \(failure.recordingID), which a stopped sweep had begun: \(failure.reason); the next sweep retries it"
            )
        }
        let result: Result
        do {
            result = try await body(opened)
        } catch {
            try? await opened.close()
            throw error
        }
        try await opened.close()
        return result
    }
}

/// What a vault command does with the vault.
enum VaultAccess {
    /// Reads it: lists, shows, plays, reports, verifies (the audit log records each access).
    case reading
    /// Changes what it holds: imports, holds, sweeps, complaints, consents, exports, rotations,
    /// signed edits.
    case changing
}

/// Runs an async command body like ``reportingFailures(_:)``: any error becomes one line on
/// standard error and the exit status scripts rely on.
func reportingVaultFailures(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let error as ExitCode {
        throw error
    } catch {
        Terminal.note("error: \(error)")
        throw ExitCode(exitStatus(for: error))
    }
}

/// Errors of the `callvault vault` commands' own inputs.
enum VaultToolError: Error, CustomStringConvertible {
    /// Seconds as a message shows them: up to three decimals, without trailing zeros.
    static func seconds(_ value: Double) -> String {
        var text = String(format: "%.3f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    case unknownRecording(RecordingID)
    case outputExists(String)
    case exportFolderNotEmpty(String)
    case exportFolderNotAFolder(String)
    case rangeOutsideRecording(from: Double, to: Double?, duration: Double)
    case releaseReasonNeeded
    case principalFile(path: String, message: String)
    case importNeedsFile(String)
    case importRefused(String)
    case simulatedVault(String)

    var description: String {
        switch self {
        case .unknownRecording(let id):
            "There is no recording \(id) in this vault; 'callvault vault list' shows the recordings."
        case .outputExists(let path):
            "'\(path)' already exists; refusing to overwrite it. Choose another --out or pass --force."
        case .exportFolderNotEmpty(let path):
            "'\(path)' already holds files; an export package is written to a new or empty folder."
        case .exportFolderNotAFolder(let path):
            "'\(path)' exists and is not a folder (a file, device or link); an export package is written to a new or empty folder."
        case .rangeOutsideRecording(let from, let to, let duration):
            "The span asked for (from \(Self.seconds(from)) s\(to.map { " to \(Self.seconds($0)) s" } ?? "")) holds none of the recording, which lasts \(Self.seconds(duration)) s: give --from below the recording's length\(to == nil ? "" : " and --to after --from")."
        case .releaseReasonNeeded:
            "Requesting a hold's release needs a --reason (why the hold is no longer needed); the second officer approves without one."
        case .principalFile(let path, let message):
            "\(path): \(message)"
        case .importRefused(let message):
            message
        case .simulatedVault(let path):
            "\(path) is a simulated vault (made with 'callvault vault init --simulation'; its times are simulated, so it is no record of real calls), and this command changes it. Pass --simulation to say you mean to work on the simulation; commands that only read it (list, show, play, report, verify, audit) need no flag."
        case .importNeedsFile(let path):
            "'\(path)' is a pipe or device, not a regular file: an import reads the WAV file's structure before its audio. Save it to a file first."
        }
    }
}

/// Reading the values the vault commands take on their command lines (bad values are usage
/// errors, status 64).
enum VaultArgument {
    static func recording(_ text: String) throws(VaultArgumentError) -> RecordingID {
        guard let id = RecordingID(parsing: text) else { throw .notARecordingID(text) }
        return id
    }

    static func state(_ text: String) throws(VaultArgumentError) -> RecordingEntry.State {
        guard let state = RecordingEntry.State(rawValue: text) else { throw .notAState(text) }
        return state
    }

    /// A principal id given on the command line (`--by`, `--approved-by`, `--hold-officer`...),
    /// validated as new input: an id with whitespace, control or invisible characters, empty or
    /// over 256 bytes is a usage error, so one person cannot act as two by spelling their id twice.
    static func principal(_ text: String) throws(VaultArgumentError) -> PrincipalID {
        if let problem = PrincipalID.problem(in: text) { throw .notAPrincipal(problem) }
        return PrincipalID(recorded: text)
    }
}

/// A value of a vault command that cannot be read; a usage error.
enum VaultArgumentError: Error, CustomStringConvertible {
    case notARecordingID(String)
    case notAState(String)
    case notAPrincipal(PrincipalIDError)
    case notAContact(String)
    case notAKey(String)

    var description: String {
        switch self {
        case .notARecordingID(let text):
            "'\(TerminalText.quoted(text))' is not a recording id: give the UUID 'callvault vault list' shows, such as 6f1c2b0e-4d5a-4e8f-9a3b-2c1d0e9f8a7b."
        case .notAState(let text):
            "'\(TerminalText.quoted(text))' is not a recording state: use \(RecordingEntry.State.allCases.map(\.rawValue).joined(separator: ", "))."
        case .notAPrincipal(let error):
            error.description
        case .notAContact(let text):
            "'\(TerminalText.quoted(text))' is not a contact: write website:ADDRESS, email:ADDRESS or phone:NUMBER."
        case .notAKey(let text):
            "'\(TerminalText.quoted(text))' is not a key: give one digit from 0 to 9 (or 'none' for --withdrawal-key)."
        }
    }
}

/// The principal a `play` or `export` request is made as.
enum VaultPrincipal {
    /// Reads a principal file (JSON, as `callvault access check` reads it) and adds the principal's
    /// training completions from the vault's training register to those the file lists.
    static func load(_ path: String, training: SQLiteTrainingRegister) async throws -> Principal {
        let text = try RetentionInputFile.text(at: path, kind: "a principal")
        var principal: Principal
        do {
            principal = try Principal(json: text)
        } catch {
            throw VaultToolError.principalFile(path: path, message: "\(error)")
        }
        for record in try await training.completions(of: principal.id) where !principal.training.contains(record) {
            principal.training.append(record)
        }
        return principal
    }
}

/// Writing a command's report as JSON on standard output.
enum VaultJSON {
    static func print(_ value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(VaultTime.text(date))
        }
        StandardOutput.write(String(decoding: try encoder.encode(value), as: UTF8.self))
    }
}

/// Times as the vault commands print them, in text and in JSON: ISO 8601 in UTC, to the second,
/// in the proleptic Gregorian calendar the retention reports and schedules use (never
/// Foundation's formatters, which turn Julian before 1582).
enum VaultTime {
    static func text(_ date: Date) -> String {
        CivilTime.iso8601WholeSeconds(date)
    }

    static func text(_ date: Date?) -> String {
        date.map(text) ?? "-"
    }
}
