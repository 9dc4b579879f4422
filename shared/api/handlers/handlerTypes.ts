import type { MethodName, ParsedArgsOf, ResultOf } from '../contract.js';
import type { Session } from '../session.js';

export type Handler<K extends MethodName> = (args: ParsedArgsOf<K>, session: Session) => ResultOf<K> | Promise<ResultOf<K>>;
export type HandlersFor<K extends MethodName> = { [P in K]: Handler<P> };
