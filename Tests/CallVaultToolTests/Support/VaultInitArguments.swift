/// The fewest `callvault vault init` options a vault is accepted with: those the customer's
/// transparency report needs (`vault report` renders its written notice from them), so every vault
/// a test makes through the tool can produce that report.
enum VaultInitArguments {
    /// `vault init --vault folder --organisation organisation` with a retention period, an
    /// audience and a complaint contact.
    static func minimum(vault folder: String, organisation: String = "Acme") -> [String] {
        [
            "vault", "init", "--vault", folder, "--organisation", organisation, "--retention-days", "365",
            "--audience", "supervisors", "--complaint-contact", "email:complaints@acme.example",
        ]
    }
}
