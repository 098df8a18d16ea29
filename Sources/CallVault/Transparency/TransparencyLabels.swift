import CallVaultConsent

/// The headings of a transparency report's recording-specific part, per bundled language. The
/// notice itself comes from CallVaultConsent's reviewed templates; these few labels follow the
/// same languages (and, like them, should be reviewed by a native speaker before use).
struct TransparencyLabels {
    let title: String
    let call: String
    let yourAnswer: String
    let keptUntil: String
    let deletedBy: String
    let underHold: String
    /// Introduces the legal obligations that keep the recording past the stated period.
    let keptLongerByLaw: String
    let accesses: String
    let noAccesses: String
    let allowed: String
    let denied: String

    static func labels(for language: DisclosureLanguage) -> TransparencyLabels {
        switch language.tag.prefix(2) {
        case "de":
            TransparencyLabels(
                title: "Ihre Gesprächsaufzeichnung", call: "Gespräch", yourAnswer: "Ihre Antwort",
                keptUntil: "Aufbewahrt mindestens bis", deletedBy: "Gelöscht spätestens am",
                underHold: "Wegen eines laufenden Verfahrens vorerst aufbewahrt",
                keptLongerByLaw: "Länger als angegeben aufbewahrt, weil das Gesetz es verlangt",
                accesses: "Wer auf die Aufzeichnung zugegriffen hat, wann und warum",
                noAccesses: "Niemand hat die Aufzeichnung abgerufen.", allowed: "erlaubt", denied: "abgelehnt")
        case "fr":
            TransparencyLabels(
                title: "L'enregistrement de votre appel", call: "Appel", yourAnswer: "Votre réponse",
                keptUntil: "Conservé au moins jusqu'au", deletedBy: "Supprimé au plus tard le",
                underHold: "Conservé pour l'instant en raison d'une procédure en cours",
                keptLongerByLaw: "Conservé au-delà de la durée annoncée parce que la loi l'exige",
                accesses: "Qui a accédé à l'enregistrement, quand et pourquoi",
                noAccesses: "Personne n'a consulté l'enregistrement.", allowed: "autorisé", denied: "refusé")
        case "es":
            TransparencyLabels(
                title: "La grabación de su llamada", call: "Llamada", yourAnswer: "Su respuesta",
                keptUntil: "Se conserva al menos hasta", deletedBy: "Se elimina a más tardar el",
                underHold: "Se conserva por ahora debido a un procedimiento en curso",
                keptLongerByLaw: "Se conserva más allá del plazo anunciado porque la ley lo exige",
                accesses: "Quién accedió a la grabación, cuándo y por qué",
                noAccesses: "Nadie ha consultado la grabación.", allowed: "permitido", denied: "denegado")
        case "fa":
            TransparencyLabels(
                title: "ضبط تماس شما", call: "تماس", yourAnswer: "پاسخ شما",
                keptUntil: "دست‌کم تا این تاریخ نگهداری می‌شود", deletedBy: "حداکثر تا این تاریخ حذف می‌شود",
                underHold: "به دلیل یک رسیدگی جاری فعلاً نگهداری می‌شود",
                keptLongerByLaw: "به دلیل الزام قانونی بیش از مدت اعلام‌شده نگهداری می‌شود",
                accesses: "چه کسی، چه زمانی و چرا به ضبط دسترسی داشته است",
                noAccesses: "هیچ‌کس به ضبط دسترسی نداشته است.", allowed: "مجاز", denied: "رد شده")
        case "ar":
            TransparencyLabels(
                title: "تسجيل مكالمتك", call: "المكالمة", yourAnswer: "إجابتك",
                keptUntil: "يُحتفظ به على الأقل حتى", deletedBy: "يُحذف في موعد أقصاه",
                underHold: "يُحتفظ به حاليًا بسبب إجراء جارٍ",
                keptLongerByLaw: "يُحتفظ به بعد المدة المعلنة لأن القانون يقتضي ذلك",
                accesses: "من اطّلع على التسجيل ومتى ولماذا",
                noAccesses: "لم يطّلع أحد على التسجيل.", allowed: "مسموح", denied: "مرفوض")
        default:
            TransparencyLabels(
                title: "Your call recording", call: "Call", yourAnswer: "Your answer",
                keptUntil: "Kept at least until", deletedBy: "Deleted by",
                underHold: "Kept for now because of an ongoing legal matter",
                keptLongerByLaw: "Kept beyond the stated period because the law requires it",
                accesses: "Who accessed the recording, when and why",
                noAccesses: "Nobody has accessed the recording.", allowed: "allowed", denied: "denied")
        }
    }
}
