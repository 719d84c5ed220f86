// The message catalogs: one JSON file per language and area (messages/<locale>/<area>.json), ICU
// MessageFormat strings under flat dotted keys that start with the area ("org.dashboard.title").
// English defines the keys; catalogs.test.ts fails when another language lacks one, or when a
// translation's placeholders differ from the English ones.
import enCommon from './messages/en/common.json' with { type: 'json' }
import enApi from './messages/en/api.json' with { type: 'json' }
import enDash from './messages/en/dash.json' with { type: 'json' }
import enCred from './messages/en/cred.json' with { type: 'json' }
import enVerify from './messages/en/verify.json' with { type: 'json' }
import enMail from './messages/en/mail.json' with { type: 'json' }
import enProblem from './messages/en/problem.json' with { type: 'json' }
import enLog from './messages/en/log.json' with { type: 'json' }
import enHome from './messages/en/home.json' with { type: 'json' }
import enAch from './messages/en/ach.json' with { type: 'json' }
import enIss from './messages/en/iss.json' with { type: 'json' }
import enOrg from './messages/en/org.json' with { type: 'json' }
import enAcct from './messages/en/acct.json' with { type: 'json' }
import enClaim from './messages/en/claim.json' with { type: 'json' }
import enHolder from './messages/en/holder.json' with { type: 'json' }
import enIntake from './messages/en/intake.json' with { type: 'json' }
import enShare from './messages/en/share.json' with { type: 'json' }
import enTalent from './messages/en/talent.json' with { type: 'json' }
import enTrust from './messages/en/trust.json' with { type: 'json' }
import enHook from './messages/en/hook.json' with { type: 'json' }
import enWallet from './messages/en/wallet.json' with { type: 'json' }
import enCareer from './messages/en/career.json' with { type: 'json' }
import enOauth from './messages/en/oauth.json' with { type: 'json' }
import enProg from './messages/en/prog.json' with { type: 'json' }
import enClr from './messages/en/clr.json' with { type: 'json' }
import enPath from './messages/en/path.json' with { type: 'json' }
import enLti from './messages/en/lti.json' with { type: 'json' }
import deCommon from './messages/de/common.json' with { type: 'json' }
import deApi from './messages/de/api.json' with { type: 'json' }
import deDash from './messages/de/dash.json' with { type: 'json' }
import deCred from './messages/de/cred.json' with { type: 'json' }
import deVerify from './messages/de/verify.json' with { type: 'json' }
import deMail from './messages/de/mail.json' with { type: 'json' }
import deProblem from './messages/de/problem.json' with { type: 'json' }
import deLog from './messages/de/log.json' with { type: 'json' }
import deHome from './messages/de/home.json' with { type: 'json' }
import deAch from './messages/de/ach.json' with { type: 'json' }
import deIss from './messages/de/iss.json' with { type: 'json' }
import deOrg from './messages/de/org.json' with { type: 'json' }
import deAcct from './messages/de/acct.json' with { type: 'json' }
import deClaim from './messages/de/claim.json' with { type: 'json' }
import deHolder from './messages/de/holder.json' with { type: 'json' }
import deIntake from './messages/de/intake.json' with { type: 'json' }
import deShare from './messages/de/share.json' with { type: 'json' }
import deTalent from './messages/de/talent.json' with { type: 'json' }
import deTrust from './messages/de/trust.json' with { type: 'json' }
import deHook from './messages/de/hook.json' with { type: 'json' }
import deWallet from './messages/de/wallet.json' with { type: 'json' }
import deCareer from './messages/de/career.json' with { type: 'json' }
import deOauth from './messages/de/oauth.json' with { type: 'json' }
import deProg from './messages/de/prog.json' with { type: 'json' }
import deClr from './messages/de/clr.json' with { type: 'json' }
import dePath from './messages/de/path.json' with { type: 'json' }
import deLti from './messages/de/lti.json' with { type: 'json' }
import frCommon from './messages/fr/common.json' with { type: 'json' }
import frApi from './messages/fr/api.json' with { type: 'json' }
import frDash from './messages/fr/dash.json' with { type: 'json' }
import frCred from './messages/fr/cred.json' with { type: 'json' }
import frVerify from './messages/fr/verify.json' with { type: 'json' }
import frMail from './messages/fr/mail.json' with { type: 'json' }
import frProblem from './messages/fr/problem.json' with { type: 'json' }
import frLog from './messages/fr/log.json' with { type: 'json' }
import frHome from './messages/fr/home.json' with { type: 'json' }
import frAch from './messages/fr/ach.json' with { type: 'json' }
import frIss from './messages/fr/iss.json' with { type: 'json' }
import frOrg from './messages/fr/org.json' with { type: 'json' }
import frAcct from './messages/fr/acct.json' with { type: 'json' }
import frClaim from './messages/fr/claim.json' with { type: 'json' }
import frHolder from './messages/fr/holder.json' with { type: 'json' }
import frIntake from './messages/fr/intake.json' with { type: 'json' }
import frShare from './messages/fr/share.json' with { type: 'json' }
import frTalent from './messages/fr/talent.json' with { type: 'json' }
import frTrust from './messages/fr/trust.json' with { type: 'json' }
import frHook from './messages/fr/hook.json' with { type: 'json' }
import frWallet from './messages/fr/wallet.json' with { type: 'json' }
import frCareer from './messages/fr/career.json' with { type: 'json' }
import frOauth from './messages/fr/oauth.json' with { type: 'json' }
import frProg from './messages/fr/prog.json' with { type: 'json' }
import frClr from './messages/fr/clr.json' with { type: 'json' }
import frPath from './messages/fr/path.json' with { type: 'json' }
import frLti from './messages/fr/lti.json' with { type: 'json' }
import esCommon from './messages/es/common.json' with { type: 'json' }
import esApi from './messages/es/api.json' with { type: 'json' }
import esDash from './messages/es/dash.json' with { type: 'json' }
import esCred from './messages/es/cred.json' with { type: 'json' }
import esVerify from './messages/es/verify.json' with { type: 'json' }
import esMail from './messages/es/mail.json' with { type: 'json' }
import esProblem from './messages/es/problem.json' with { type: 'json' }
import esLog from './messages/es/log.json' with { type: 'json' }
import esHome from './messages/es/home.json' with { type: 'json' }
import esAch from './messages/es/ach.json' with { type: 'json' }
import esIss from './messages/es/iss.json' with { type: 'json' }
import esOrg from './messages/es/org.json' with { type: 'json' }
import esAcct from './messages/es/acct.json' with { type: 'json' }
import esClaim from './messages/es/claim.json' with { type: 'json' }
import esHolder from './messages/es/holder.json' with { type: 'json' }
import esIntake from './messages/es/intake.json' with { type: 'json' }
import esShare from './messages/es/share.json' with { type: 'json' }
import esTalent from './messages/es/talent.json' with { type: 'json' }
import esTrust from './messages/es/trust.json' with { type: 'json' }
import esHook from './messages/es/hook.json' with { type: 'json' }
import esWallet from './messages/es/wallet.json' with { type: 'json' }
import esCareer from './messages/es/career.json' with { type: 'json' }
import esOauth from './messages/es/oauth.json' with { type: 'json' }
import esProg from './messages/es/prog.json' with { type: 'json' }
import esClr from './messages/es/clr.json' with { type: 'json' }
import esPath from './messages/es/path.json' with { type: 'json' }
import esLti from './messages/es/lti.json' with { type: 'json' }
import nlCommon from './messages/nl/common.json' with { type: 'json' }
import nlApi from './messages/nl/api.json' with { type: 'json' }
import nlDash from './messages/nl/dash.json' with { type: 'json' }
import nlCred from './messages/nl/cred.json' with { type: 'json' }
import nlVerify from './messages/nl/verify.json' with { type: 'json' }
import nlMail from './messages/nl/mail.json' with { type: 'json' }
import nlProblem from './messages/nl/problem.json' with { type: 'json' }
import nlLog from './messages/nl/log.json' with { type: 'json' }
import nlHome from './messages/nl/home.json' with { type: 'json' }
import nlAch from './messages/nl/ach.json' with { type: 'json' }
import nlIss from './messages/nl/iss.json' with { type: 'json' }
import nlOrg from './messages/nl/org.json' with { type: 'json' }
import nlAcct from './messages/nl/acct.json' with { type: 'json' }
import nlClaim from './messages/nl/claim.json' with { type: 'json' }
import nlHolder from './messages/nl/holder.json' with { type: 'json' }
import nlIntake from './messages/nl/intake.json' with { type: 'json' }
import nlShare from './messages/nl/share.json' with { type: 'json' }
import nlTalent from './messages/nl/talent.json' with { type: 'json' }
import nlTrust from './messages/nl/trust.json' with { type: 'json' }
import nlHook from './messages/nl/hook.json' with { type: 'json' }
import nlWallet from './messages/nl/wallet.json' with { type: 'json' }
import nlCareer from './messages/nl/career.json' with { type: 'json' }
import nlOauth from './messages/nl/oauth.json' with { type: 'json' }
import nlProg from './messages/nl/prog.json' with { type: 'json' }
import nlClr from './messages/nl/clr.json' with { type: 'json' }
import nlPath from './messages/nl/path.json' with { type: 'json' }
import nlLti from './messages/nl/lti.json' with { type: 'json' }
import type { Locale } from './locales.js'

const en = { ...enCommon, ...enApi, ...enDash, ...enCred, ...enVerify, ...enMail, ...enProblem, ...enLog, ...enHome, ...enAch, ...enIss, ...enOrg, ...enAcct, ...enClaim, ...enHolder, ...enIntake, ...enShare, ...enTalent, ...enTrust, ...enHook, ...enWallet, ...enCareer, ...enOauth, ...enProg, ...enClr, ...enPath, ...enLti }

/** Every message key (English has them all). */
export type MessageKey = keyof typeof en

/** A catalog: ICU messages by key. */
export type Catalog = Readonly<Partial<Record<MessageKey, string>>>

/** The catalogs by language. */
export const CATALOGS: Readonly<Record<Locale, Catalog>> = {
  en,
  de: { ...deCommon, ...deApi, ...deDash, ...deCred, ...deVerify, ...deMail, ...deProblem, ...deLog, ...deHome, ...deAch, ...deIss, ...deOrg, ...deAcct, ...deClaim, ...deHolder, ...deIntake, ...deShare, ...deTalent, ...deTrust, ...deHook, ...deWallet, ...deCareer, ...deOauth, ...deProg, ...deClr, ...dePath, ...deLti },
  fr: { ...frCommon, ...frApi, ...frDash, ...frCred, ...frVerify, ...frMail, ...frProblem, ...frLog, ...frHome, ...frAch, ...frIss, ...frOrg, ...frAcct, ...frClaim, ...frHolder, ...frIntake, ...frShare, ...frTalent, ...frTrust, ...frHook, ...frWallet, ...frCareer, ...frOauth, ...frProg, ...frClr, ...frPath, ...frLti },
  es: { ...esCommon, ...esApi, ...esDash, ...esCred, ...esVerify, ...esMail, ...esProblem, ...esLog, ...esHome, ...esAch, ...esIss, ...esOrg, ...esAcct, ...esClaim, ...esHolder, ...esIntake, ...esShare, ...esTalent, ...esTrust, ...esHook, ...esWallet, ...esCareer, ...esOauth, ...esProg, ...esClr, ...esPath, ...esLti },
  nl: { ...nlCommon, ...nlApi, ...nlDash, ...nlCred, ...nlVerify, ...nlMail, ...nlProblem, ...nlLog, ...nlHome, ...nlAch, ...nlIss, ...nlOrg, ...nlAcct, ...nlClaim, ...nlHolder, ...nlIntake, ...nlShare, ...nlTalent, ...nlTrust, ...nlHook, ...nlWallet, ...nlCareer, ...nlOauth, ...nlProg, ...nlClr, ...nlPath, ...nlLti },
}
