/**
 * Derives the plain `AuthView` from the root snapshot and its active flow child. A parent's
 * snapshot does not carry its children's state (docs/ARCHITECTURE.md "XState facts that shape the code"), so the child's
 * snapshot is read here; state tags name the view status, so the mapping survives refactors.
 */
import type { SnapshotFrom } from 'xstate';
import { type AuthError, type AuthView, type CodeInfo, codeInfoOf, nextTypeOf } from '../flow-kit/index.js';
import type { authMachine } from '../auth/index.js';
import type { passwordMachine } from '../password/index.js';
import type { phoneLoginMachine } from '../phone-login/index.js';
import type { passkeyLoginMachine } from '../passkey-login/index.js';
import type { qrLoginMachine } from '../qr-login/index.js';
import type { firebasePnvLoginMachine } from '../firebase-pnv-login/index.js';
import type { TlConstructorOf } from '../../tl/index.js';

type RootSnapshot = SnapshotFrom<typeof authMachine>;
type PhoneSnapshot = SnapshotFrom<typeof phoneLoginMachine>;
type PasswordSnapshot = SnapshotFrom<typeof passwordMachine>;
type QrSnapshot = SnapshotFrom<typeof qrLoginMachine>;
type PasskeySnapshot = SnapshotFrom<typeof passkeyLoginMachine>;
type FirebasePnvSnapshot = SnapshotFrom<typeof firebasePnvLoginMachine>;

const withError = <V extends AuthView>(view: V, error: AuthError | undefined): V => (error ? { ...view, error } : view);

/** The view of an engine's root actor snapshot. */
export function authViewOf(root: RootSnapshot): AuthView {
  const rootError = root.context.error;
  if (root.status === 'done' || root.hasTag('closed')) return { status: 'closed', busy: false };
  if (root.hasTag('initializing')) return { status: 'initializing', busy: true };
  if (root.hasTag('loggingOut')) return withError({ status: 'loggingOut', busy: true }, rootError);
  if (root.hasTag('ready')) {
    const { user, setupPasswordRequired, approvedDevice, otherSessionsReset } = root.context;
    return withError(
      {
        status: 'ready',
        busy: root.hasTag('busy'),
        user: user ?? { id: '0', premium: false, bot: false },
        ...(setupPasswordRequired ? { setupPasswordRequired } : {}),
        ...(approvedDevice ? { approvedDevice } : {}),
        ...(otherSessionsReset ? { otherSessionsReset } : {}),
      },
      rootError,
    );
  }
  const password = root.children.password?.getSnapshot() as PasswordSnapshot | undefined;
  if (password) return passwordViewOf(password, rootError);
  const qr = root.children.qrLogin?.getSnapshot() as QrSnapshot | undefined;
  if (qr) return qrViewOf(qr, rootError);
  const passkey = root.children.passkeyLogin?.getSnapshot() as PasskeySnapshot | undefined;
  if (passkey) return passkeyViewOf(passkey, rootError);
  const pnv = root.children.firebasePnvLogin?.getSnapshot() as FirebasePnvSnapshot | undefined;
  if (pnv) return firebasePnvViewOf(pnv, rootError);
  const phone = root.children.phoneLogin?.getSnapshot() as PhoneSnapshot | undefined;
  if (phone) return phoneViewOf(phone, rootError);
  return withError({ status: 'waitPhoneNumber', busy: true }, rootError);
}

/** The view while the phone flow runs. */
export function phoneViewOf(s: PhoneSnapshot, fallbackError?: AuthError): AuthView {
  const c = s.context;
  const busy = s.hasTag('busy');
  const error = c.error ?? fallbackError;
  const sent = c.sent;
  const type = sent?._ === 'auth.sentCode' ? sent.type : undefined;
  if (s.hasTag('waitCode') && sent?._ === 'auth.sentCode') {
    const codeInfo: CodeInfo = (type && codeInfoOf(type)) ?? { type: 'sms', length: 0 };
    const nextType = nextTypeOf(sent);
    return withError(
      {
        status: 'waitCode',
        busy,
        phone: c.phone,
        codeInfo,
        ...(nextType === undefined ? {} : { nextType }),
        ...(c.resendInSeconds === undefined ? {} : { resendInSeconds: c.resendInSeconds }),
      },
      error,
    );
  }
  const signIns = {
    appleSignInAllowed:
      (type?._ === 'auth.sentCodeTypeEmailCode' || type?._ === 'auth.sentCodeTypeSetUpEmailRequired') &&
      type.appleSigninAllowed === true,
    googleSignInAllowed:
      (type?._ === 'auth.sentCodeTypeEmailCode' || type?._ === 'auth.sentCodeTypeSetUpEmailRequired') &&
      type.googleSigninAllowed === true,
  };
  if (s.hasTag('waitEmailAddress')) return withError({ status: 'waitEmailAddress', busy, phone: c.phone, ...signIns }, error);
  if (s.hasTag('waitEmailCode')) {
    if (c.emailSetup) {
      return withError(
        { status: 'waitEmailCode', busy, phone: c.phone, purpose: 'setup', ...c.emailSetup, ...signIns },
        error,
      );
    }
    const email = type?._ === 'auth.sentCodeTypeEmailCode' ? type : undefined;
    return withError(
      {
        status: 'waitEmailCode',
        busy,
        phone: c.phone,
        purpose: 'login',
        emailPattern: email?.emailPattern ?? '',
        length: email?.length ?? 0,
        ...signIns,
        ...(email?.resetAvailablePeriod === undefined ? {} : { resetAvailableInSeconds: email.resetAvailablePeriod }),
        ...(email?.resetPendingDate === undefined ? {} : { resetPendingDate: email.resetPendingDate }),
      },
      error,
    );
  }
  if (s.hasTag('waitRegistration')) return withError(registrationViewOf(c.phone, c.termsOfService, busy), error);
  if (s.hasTag('waitPayment') && sent?._ === 'auth.sentCodePaymentRequired') {
    const pending = s.hasTag('pending');
    return withError(
      {
        status: 'waitPayment',
        busy,
        phone: c.phone,
        storeProduct: sent.storeProduct,
        currency: sent.currency,
        amount: String(sent.amount),
        supportEmailAddress: sent.supportEmailAddress,
        supportEmailSubject: sent.supportEmailSubject,
        pending,
        // pending and no check in flight: waiting for the next one
        ...(pending && !busy ? { nextCheckInSeconds: c.floodSeconds } : {}),
      },
      error,
    );
  }
  return withError({ status: 'waitPhoneNumber', busy }, error);
}

/** The view while the password machine runs. */
export function passwordViewOf(s: PasswordSnapshot, fallbackError?: AuthError): AuthView {
  const c = s.context;
  const busy = s.hasTag('busy');
  const error = c.error ?? fallbackError;
  if (s.hasTag('waitPasswordRecovery')) {
    return withError({ status: 'waitPasswordRecovery', busy, emailPattern: c.recoveryEmailPattern ?? '' }, error);
  }
  const info = c.info;
  return withError(
    {
      status: 'waitPassword',
      busy,
      ...(info?.hint === undefined ? {} : { hint: info.hint }),
      recoveryAvailable: info?.hasRecovery === true,
      ...(c.recoveryEmailPattern === undefined ? {} : { recoveryEmailPattern: c.recoveryEmailPattern }),
    },
    error,
  );
}

/** The view while QR login runs: the link to draw (never the token bytes) and its expiry. */
export function qrViewOf(s: QrSnapshot, fallbackError?: AuthError): AuthView {
  const { link, expiresAt, error } = s.context;
  return withError(
    {
      status: 'waitQrConfirmation',
      busy: s.hasTag('busy'),
      ...(link === undefined ? {} : { link }),
      ...(expiresAt === undefined ? {} : { expiresAt }),
    },
    error ?? fallbackError,
  );
}

/** The sign-up screen (phone and Firebase PNV flows): the terms, and whether accepting them is required. */
export function registrationViewOf(
  phone: string,
  tos: TlConstructorOf<'help.termsOfService'> | undefined,
  busy: boolean,
): AuthView {
  return {
    status: 'waitRegistration',
    busy,
    phone,
    ...(tos
      ? {
          termsOfService: {
            text: tos.text,
            popup: tos.popup === true,
            ...(tos.minAgeConfirm === undefined ? {} : { minAge: tos.minAgeConfirm }),
          },
        }
      : {}),
    acceptanceRequired: tos !== undefined,
  };
}

/** The view while Firebase PNV login runs: its own screen, or sign-up. */
export function firebasePnvViewOf(s: FirebasePnvSnapshot, fallbackError?: AuthError): AuthView {
  const c = s.context;
  const busy = s.hasTag('busy');
  if (s.hasTag('waitRegistration')) return withError(registrationViewOf(c.phone, c.termsOfService, busy), c.error ?? fallbackError);
  return withError({ status: 'waitFirebasePnv', busy, unsupported: c.unsupported }, c.error ?? fallbackError);
}

/** The view while passkey login runs. */
export function passkeyViewOf(s: PasskeySnapshot, fallbackError?: AuthError): AuthView {
  const rpId = s.context.options?.rpId;
  return withError(
    { status: 'waitPasskey', busy: s.hasTag('busy'), ...(rpId === undefined ? {} : { rpId }) },
    s.context.error ?? fallbackError,
  );
}
