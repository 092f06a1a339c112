"""Default texts for the public pages (used when a municipality has not written its own).

They follow the statute: Retssikkerhedslovens § 65 e and the municipality's rules of procedure
(vedtægt) for the citizens' advisor. Written as English msgids with the Danish text in
locale/da/parts/branding.po, so the pages follow the visitor's language. Lists (what the advisor
can and cannot help with) have one point per line.
"""

from django.utils.translation import gettext_lazy as _

ABOUT = _(
    "The citizens' advisor is the municipality's independent adviser for its citizens. You can "
    "get in touch if you are dissatisfied with how the municipality has handled your case, or if "
    "you need help finding your way around the municipality. The citizens' advisor reports "
    "directly to the municipal council and is not part of the administration. Using the "
    "citizens' advisor is free, and the citizens' advisor is bound by confidentiality."
)

CAN_HELP = _(
    "Advise you on where and how you can complain about a decision.\n"
    "Handle complaints about the municipality's case handling and about the staff's conduct "
    "and behaviour.\n"
    "Put you in touch with the municipality and help dialogue along, so misunderstandings can "
    "be cleared up.\n"
    "Help you understand a decision or a letter from the municipality."
)

CANNOT_HELP = _(
    "Change a decision or make decisions in the municipality's place.\n"
    "Handle complaints about the substance of decisions when there is another way to appeal, "
    "for example to the National Social Appeals Board (Ankestyrelsen).\n"
    "Handle cases decided by the courts or dealt with by the Parliamentary Ombudsman.\n"
    "Handle complaints about the municipal council's political decisions.\n"
    "Handle personnel cases or complaints from the municipality's staff as employees."
)

CONTACT = _(
    "You can contact the citizens' advisor by filling in the contact form below, by phone, by "
    "e-mail or by coming to open counselling without an appointment. Do not write your CPR "
    "number or sensitive information in an ordinary e-mail — use the form or Digital Post."
)

ACCESSIBILITY = _(
    "The municipality wants everyone to be able to use the citizens' advisor's pages. The pages "
    "are made according to the Danish Web Accessibility Act and WCAG 2.1 level AA: they can be "
    "used with a keyboard alone, with a screen reader and on a small screen, and they work "
    "without JavaScript. If you have problems, write to the citizens' advisor. You can also "
    "complain to the Agency for Digital Government, which supervises accessibility."
)

# GDPR art. 13/14 (legal-brief §4.1); docs/data-protection.md explains each right.
PRIVACY = _(
    "The citizens' advisor is part of the municipality, which is the data controller for the "
    "information you give us. We use it to handle your inquiry or complaint: to advise you, to "
    "contact the part of the municipality it concerns (only with your consent), and to report "
    "to the municipal council without names. The legal basis is GDPR article 6(1)(e) and, for "
    "sensitive information, article 9(2)(f) and (g), together with section 65 e of the Act on "
    "Municipal Governance.\n"
    "We record every document and note on your case (the duty to keep a journal). Closed cases "
    "are kept for the period the municipality has set, as a rule five years, and are then "
    "handed to the municipality's archive and anonymised.\n"
    "You have the right to see the information we hold about you (including when and why it "
    "was read), to have it corrected, and in some cases to have it erased or its use "
    "restricted, and to object. We answer within one month. Ask the citizens' advisor by phone, "
    "by letter or at a meeting. You can contact the municipality's data protection officer, "
    "and you can complain to the Danish Data Protection Agency (Datatilsynet), www.datatilsynet.dk."
)

# A11Y-02: for those who cannot use the web form.
PRINTABLE_INTRO = _(
    "Fill in the form by hand and send it by post or hand it in at the citizens' advisor's "
    "office. You can also call us or come to open counselling; we write down what you tell us."
)
