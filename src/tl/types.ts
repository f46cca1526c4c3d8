/** Type helpers over the generated TL types (generated/types.ts). */
import type {
  TlConstructors,
  TlMethod,
  TlMethods,
  TlResults,
  TlTypes,
  TlWrapperName,
} from './generated/types.js';

/** The object type of a constructor: `TlConstructorOf<'auth.sentCode'>`. */
export type TlConstructorOf<N extends keyof TlConstructors> = TlConstructors[N];
/** The object type of a method call: `TlMethodOf<'auth.sendCode'>`. */
export type TlMethodOf<N extends keyof TlMethods> = TlMethods[N];
/** The union of a boxed type's constructors: `TlTypeOf<'auth.SentCode'>`. */
export type TlTypeOf<N extends keyof TlTypes> = TlTypes[N];

/**
 * What invoking `M` returns. Generic wrappers (`invokeWithLayer`, `initConnection`, `invokeAfterMsg`, …)
 * return their inner query's result, so `ResultOf<typeof req>` needs the query's literal type
 * (write the request with `satisfies TlMethod` or pass it straight to a generic `invoke`).
 */
export type ResultOf<M extends TlMethod> = M extends { _: TlWrapperName; query: infer Q extends TlMethod }
  ? TlMethod extends Q
    ? unknown // the query's type is not known statically
    : ResultOf<Q>
  : TlResults[M['_']];
