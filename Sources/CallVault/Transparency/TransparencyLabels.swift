import CallVaultConsent
import Foundation

/// The headings of a transparency report's recording-specific part, per bundled language. The
/// notice itself comes from CallVaultConsent's reviewed templates; these few labels follow the
/// same languages (and, like them, should be reviewed by a native speaker before use). Arabic
/// addresses the reader in the respectful plural; Persian writes dates in the Solar Hijri calendar
/// with Persian digits, the Gregorian date beside them.
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
    /// How each receipt outcome reads ("agreed", not `consented`).
    var outcomes: [ConsentReceipt.Outcome: String] = [:]
    /// What each kind of access reads as ("listened", not `listen`), by the access action's identifier.
    var actions: [String: String] = [:]
    /// How each way of answering reads ("by pressing a key", not `keypress`).
    var methods: [ConsentReceipt.Method: String] = [:]
    /// Introduces purposes the customer agreed to after the call (a later consent).
    var laterGiven = ""
    /// Introduces purposes whose later consent the customer withdrew.
    var laterWithdrawn = ""
    /// How each later-consent channel reads ("through a web form", not `web-form`).
    var channels: [String: String] = [:]
    /// Whether dates are written in the Solar Hijri calendar with Persian digits.
    var persian = false
    /// Whether the language is written right to left, so that Latin names and identifiers go in a
    /// left-to-right isolate.
    var rightToLeft = false
    /// Between the outcome and the way it was given: Persian and Arabic use their own comma.
    var comma = ", "

    /// A receipt's answer: the outcome and how it was given, in the report's language (the stored
    /// value where a label is missing, so nothing is hidden).
    func answer(_ outcome: ConsentReceipt.Outcome, _ method: ConsentReceipt.Method) -> String {
        "\(outcomes[outcome] ?? outcome.rawValue)\(comma)\(methods[method] ?? method.rawValue)"
    }

    /// An access action in the report's language; an action without a label shows its identifier.
    func action(_ identifier: String) -> String {
        actions[identifier] ?? identifier
    }

    /// A later consent's channel in the report's language; a channel without a label shows its
    /// identifier, so nothing is hidden.
    func channel(_ identifier: String) -> String {
        channels[identifier] ?? identifier
    }

    /// `text` (a law's name and identifier, in Latin letters) as it sits in a sentence: in a
    /// right-to-left language inside a left-to-right isolate (U+2066 … U+2069), so its parentheses
    /// and hyphens keep their order.
    func isolated(_ text: String) -> String {
        rightToLeft ? "\u{2066}\(text)\u{2069}" : text
    }

    /// A moment, as the report's language writes it.
    func written(_ date: Date) -> String {
        TransparencyDates.written(date, persian: persian)
    }

    static func labels(for language: DisclosureLanguage) -> TransparencyLabels {
        switch language.tag.prefix(2) {
        case "de":
            TransparencyLabels(
                title: "Ihre Gesprächsaufzeichnung", call: "Gespräch", yourAnswer: "Ihre Antwort",
                keptUntil: "Aufbewahrt mindestens bis", deletedBy: "Gelöscht spätestens am",
                underHold: "Wegen eines laufenden Verfahrens vorerst aufbewahrt",
                keptLongerByLaw: "Länger als angegeben aufbewahrt, weil das Gesetz es verlangt",
                accesses: "Wer auf die Aufzeichnung zugegriffen hat, wann und warum",
                noAccesses: "Niemand hat die Aufzeichnung abgerufen.", allowed: "erlaubt", denied: "abgelehnt",
                outcomes: [
                    .notified: "informiert", .consented: "eingewilligt", .declined: "abgelehnt",
                    .withdrawn: "Einwilligung widerrufen", .notReached: "Gespräch vor Ihrer Antwort beendet",
                    .notRequired: "nichts erforderlich",
                ],
                actions: [
                    "view-metadata": "Angaben angesehen", "listen": "angehört", "download": "heruntergeladen",
                    "export-legal": "für ein Verfahren herausgegeben", "view-transcript": "Abschrift gelesen",
                    "delete": "gelöscht", "place-hold": "wegen eines Verfahrens gesperrt",
                    "release-hold": "Sperre aufgehoben", "rewrap-keys": "Schlüssel erneuert",
                    "break-glass": "Notfallzugriff",
                ],
                methods: [
                    .notRequired: "nicht erforderlich",
                    .impliedByNotice: "durch Fortsetzen des Gesprächs nach dem Hinweis",
                    .keypress: "per Tastendruck", .speech: "mündlich", .agentAttestation: "vom Mitarbeiter bestätigt",
                    .noResponse: "keine Antwort", .request: "auf Anfrage",
                    .operatorAttestation: "nachträglich von einem Mitarbeiter bestätigt",
                ],
                laterGiven: "Später eingewilligt in", laterWithdrawn: "Später widerrufen für",
                channels: [
                    "web-form": "über ein Webformular", "follow-up-call": "in einem Folgeanruf", "email": "per E-Mail",
                    "letter": "per Brief", "in-person": "persönlich",
                ])
        case "fr":
            TransparencyLabels(
                title: "L'enregistrement de votre appel", call: "Appel", yourAnswer: "Votre réponse",
                keptUntil: "Conservé au moins jusqu'au", deletedBy: "Supprimé au plus tard le",
                underHold: "Conservé pour l'instant en raison d'une procédure en cours",
                keptLongerByLaw: "Conservé au-delà de la durée annoncée parce que la loi l'exige",
                accesses: "Qui a accédé à l'enregistrement, quand et pourquoi",
                noAccesses: "Personne n'a consulté l'enregistrement.", allowed: "autorisé", denied: "refusé",
                outcomes: [
                    .notified: "informé", .consented: "accepté", .declined: "refusé", .withdrawn: "consentement retiré",
                    .notReached: "appel terminé avant votre réponse", .notRequired: "rien n’était requis",
                ],
                actions: [
                    "view-metadata": "informations consultées", "listen": "écoute", "download": "téléchargement",
                    "export-legal": "copie remise sur demande légale", "view-transcript": "transcription lue",
                    "delete": "suppression", "place-hold": "conservation pour une procédure",
                    "release-hold": "fin de la conservation pour procédure", "rewrap-keys": "clés renouvelées",
                    "break-glass": "accès d’urgence",
                ],
                methods: [
                    .notRequired: "non requis", .impliedByNotice: "en poursuivant l’appel après l’annonce",
                    .keypress: "par une touche", .speech: "de vive voix",
                    .agentAttestation: "confirmé par le conseiller",
                    .noResponse: "sans réponse", .request: "sur demande",
                    .operatorAttestation: "attesté après l’appel par un opérateur",
                ],
                laterGiven: "Accepté ultérieurement pour", laterWithdrawn: "Consentement retiré ultérieurement pour",
                channels: [
                    "web-form": "par un formulaire en ligne", "follow-up-call": "lors d’un appel de suivi",
                    "email": "par e-mail", "letter": "par courrier", "in-person": "en personne",
                ])
        case "es":
            TransparencyLabels(
                title: "La grabación de su llamada", call: "Llamada", yourAnswer: "Su respuesta",
                keptUntil: "Se conserva al menos hasta", deletedBy: "Se elimina a más tardar el",
                underHold: "Se conserva por ahora debido a un procedimiento en curso",
                keptLongerByLaw: "Se conserva más allá del plazo anunciado porque la ley lo exige",
                accesses: "Quién accedió a la grabación, cuándo y por qué",
                noAccesses: "Nadie ha consultado la grabación.", allowed: "permitido", denied: "denegado",
                outcomes: [
                    .notified: "informado", .consented: "aceptó", .declined: "rechazó",
                    .withdrawn: "retiró su consentimiento",
                    .notReached: "la llamada terminó antes de su respuesta", .notRequired: "no se requería nada",
                ],
                actions: [
                    "view-metadata": "consulta de datos", "listen": "escucha", "download": "descarga",
                    "export-legal": "copia entregada por requerimiento legal",
                    "view-transcript": "lectura de la transcripción", "delete": "eliminación",
                    "place-hold": "conservación por un procedimiento",
                    "release-hold": "fin de la conservación por procedimiento", "rewrap-keys": "renovación de claves",
                    "break-glass": "acceso de emergencia",
                ],
                methods: [
                    .notRequired: "no requerido", .impliedByNotice: "al continuar la llamada tras el aviso",
                    .keypress: "pulsando una tecla", .speech: "de palabra",
                    .agentAttestation: "confirmado por el agente",
                    .noResponse: "sin respuesta", .request: "a petición",
                    .operatorAttestation: "confirmado después de la llamada por un operador",
                ],
                laterGiven: "Aceptó posteriormente para",
                laterWithdrawn: "Retiró posteriormente su consentimiento para",
                channels: [
                    "web-form": "mediante un formulario web", "follow-up-call": "en una llamada de seguimiento",
                    "email": "por correo electrónico", "letter": "por carta", "in-person": "en persona",
                ])
        case "fa":
            TransparencyLabels(
                title: "ضبط تماس شما", call: "تماس", yourAnswer: "پاسخ شما",
                keptUntil: "دست‌کم تا این تاریخ نگهداری می‌شود", deletedBy: "حداکثر تا این تاریخ حذف می‌شود",
                underHold: "به دلیل یک رسیدگی جاری فعلاً نگهداری می‌شود",
                keptLongerByLaw: "به دلیل الزام قانونی بیش از مدت اعلام‌شده نگهداری می‌شود",
                accesses: "چه کسی، چه زمانی و چرا به ضبط دسترسی داشته است",
                noAccesses: "هیچ‌کس به ضبط دسترسی نداشته است.", allowed: "مجاز", denied: "رد شده",
                outcomes: [
                    .notified: "مطلع شدید", .consented: "موافقت کردید", .declined: "موافقت نکردید",
                    .withdrawn: "از رضایت خود انصراف دادید", .notReached: "تماس پیش از پاسخ شما پایان یافت",
                    .notRequired: "پاسخی لازم نبود",
                ],
                actions: [
                    "view-metadata": "مشاهدهٔ مشخصات", "listen": "گوش دادن", "download": "بارگیری",
                    "export-legal": "ارائه به مراجع قانونی", "view-transcript": "خواندن متن مکالمه", "delete": "حذف",
                    "place-hold": "توقیف برای رسیدگی", "release-hold": "رفع توقیف", "rewrap-keys": "تجدید کلیدها",
                    "break-glass": "دسترسی اضطراری",
                ],
                methods: [
                    .notRequired: "لازم نبود", .impliedByNotice: "با ادامهٔ تماس پس از اطلاع‌رسانی",
                    .keypress: "با فشردن کلید", .speech: "به‌صورت شفاهی", .agentAttestation: "با تأیید کارشناس",
                    .noResponse: "بدون پاسخ", .request: "بنا به درخواست",
                    .operatorAttestation: "با تأیید کارشناس پس از تماس",
                ],
                laterGiven: "بعداً برای این اهداف موافقت کردید",
                laterWithdrawn: "بعداً رضایت خود را برای این اهداف پس گرفتید",
                channels: [
                    "web-form": "از طریق فرم اینترنتی", "follow-up-call": "در تماس پیگیری", "email": "با ایمیل",
                    "letter": "با نامه", "in-person": "به‌صورت حضوری",
                ],
                persian: true, rightToLeft: true, comma: "، ")
        case "ar":
            TransparencyLabels(
                title: "تسجيل مكالمتكم", call: "المكالمة", yourAnswer: "إجابتكم",
                keptUntil: "يُحتفظ به على الأقل حتى", deletedBy: "يُحذف في موعد أقصاه",
                underHold: "يُحتفظ به حاليًا بسبب إجراء جارٍ",
                keptLongerByLaw: "يُحتفظ به بعد المدة المعلنة لأن القانون يقتضي ذلك",
                accesses: "من اطّلع على التسجيل ومتى ولماذا",
                noAccesses: "لم يطّلع أحد على التسجيل.", allowed: "مسموح", denied: "مرفوض",
                outcomes: [
                    .notified: "تم إعلامكم", .consented: "وافقتم", .declined: "رفضتم", .withdrawn: "سحبتم موافقتكم",
                    .notReached: "انتهت المكالمة قبل ردّكم", .notRequired: "لم يكن مطلوبًا منكم شيء",
                ],
                actions: [
                    "view-metadata": "الاطلاع على البيانات", "listen": "الاستماع", "download": "التنزيل",
                    "export-legal": "التسليم بطلب قانوني", "view-transcript": "قراءة النص المكتوب", "delete": "الحذف",
                    "place-hold": "الحفظ بسبب إجراء قانوني", "release-hold": "رفع الحفظ",
                    "rewrap-keys": "تجديد المفاتيح", "break-glass": "وصول طارئ",
                ],
                methods: [
                    .notRequired: "غير مطلوب", .impliedByNotice: "بمتابعة المكالمة بعد الإعلان",
                    .keypress: "بالضغط على زر", .speech: "شفهيًا", .agentAttestation: "بتأكيد من الموظف",
                    .noResponse: "دون رد", .request: "بناءً على طلب",
                    .operatorAttestation: "بتأكيد من موظف بعد المكالمة",
                ],
                laterGiven: "وافقتم لاحقًا على هذه الأغراض", laterWithdrawn: "سحبتم لاحقًا موافقتكم على هذه الأغراض",
                channels: [
                    "web-form": "عبر نموذج إلكتروني", "follow-up-call": "في مكالمة متابعة",
                    "email": "عبر البريد الإلكتروني", "letter": "برسالة مكتوبة", "in-person": "حضوريًا",
                ],
                rightToLeft: true, comma: "، ")
        default:
            TransparencyLabels(
                title: "Your call recording", call: "Call", yourAnswer: "Your answer",
                keptUntil: "Kept at least until", deletedBy: "Deleted by",
                underHold: "Kept for now because of an ongoing legal matter",
                keptLongerByLaw: "Kept beyond the stated period because the law requires it",
                accesses: "Who accessed the recording, when and why",
                noAccesses: "Nobody has accessed the recording.", allowed: "allowed", denied: "denied",
                outcomes: [
                    .notified: "told about recording", .consented: "agreed", .declined: "refused",
                    .withdrawn: "withdrew consent", .notReached: "the call ended before you answered",
                    .notRequired: "nothing was required",
                ],
                actions: [
                    "view-metadata": "viewed the details", "listen": "listened", "download": "downloaded",
                    "export-legal": "copied for a legal request", "view-transcript": "read the transcript",
                    "delete": "deleted", "place-hold": "held for a legal matter", "release-hold": "released the hold",
                    "rewrap-keys": "renewed the keys", "break-glass": "emergency access",
                ],
                methods: [
                    .notRequired: "not required", .impliedByNotice: "by staying on the line after the notice",
                    .keypress: "by pressing a key", .speech: "by speaking", .agentAttestation: "confirmed by the agent",
                    .noResponse: "no response", .request: "on request",
                    .operatorAttestation: "confirmed after the call by an operator",
                ],
                laterGiven: "Agreed to later", laterWithdrawn: "Later withdrew consent to",
                channels: [
                    "web-form": "through a web form", "follow-up-call": "in a follow-up call", "email": "by email",
                    "letter": "by letter", "in-person": "in person",
                ])
        }
    }
}
