/**
 * A REFI-QDA project (.qde) carrying the bad values a hostile or broken
 * exporter could write — a colour that carries CSS, choice lists that are
 * not lists or hold an empty choice, names with control characters or
 * hundreds of thousands of characters, rules that are not JSON or name a
 * missing attribute — beside good rows that must come in.
 */
const g = (n: number) => `bbbbbbbb-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

export const HOSTILE_REFI_GUIDS = { goodCase: g(0x51), goodSet: g(0x71) };

const set = (guid: string, name: string, rule: string) =>
  `<Set guid="${guid}" name="${name}"><Description>[Quarry case set: ${g(0x51)}]\n[Quarry case set rule: ${rule}]</Description><MemberSource targetGUID="${g(0x61)}"/></Set>`;

export function hostileQde(): string {
  const goodRule = JSON.stringify({ op: 'and', conditions: [{ attribute: 'Group', operator: '=', value: 'Entrepreneur' }] });
  const missingRule = JSON.stringify({ op: 'and', conditions: [{ attribute: 'Shoe size', operator: '=', value: '42' }] });
  return `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Hostile exchange">
<Users><User guid="${g(1)}" name="Ana Lima"/><User guid="${g(2)}" name="Tab&#9;user"/></Users>
<CodeBook><Codes>
<Code guid="${g(0x11)}" name="Alpha" isCodable="true" color="red; background:url(x)"/>
<Code guid="${g(0x12)}" name="Beta" isCodable="true" color="#336699"/>
<Code guid="${g(0x13)}" name="Line&#10;break" isCodable="true"><Code guid="${g(0x14)}" name="Child" isCodable="true"/></Code>
<Code guid="${g(0x15)}" name="${'x'.repeat(100_000)}" isCodable="true"/>
</Codes></CodeBook>
<Variables>
<Variable guid="${g(0x21)}" name="Group" typeOfVariable="Text"><Description>[Quarry choices: ["Entrepreneur","Intermediary"]]</Description></Variable>
<Variable guid="${g(0x22)}" name="Stage" typeOfVariable="Text"><Description>[Quarry choices: {"early":1,"late":2}]</Description></Variable>
<Variable guid="${g(0x23)}" name="Mode" typeOfVariable="Text"><Description>[Quarry choices: ["","Online"]]</Description></Variable>
<Variable guid="${g(0x24)}" name="Ring&#9;bell" typeOfVariable="Text"/>
</Variables>
<Cases>
<Case guid="${g(0x51)}" name="P1"><VariableValue><VariableRef targetGUID="${g(0x21)}"/><TextValue>Entrepreneur</TextValue></VariableValue><SourceRef targetGUID="${g(0x61)}"/></Case>
<Case guid="${g(0x52)}" name="${'y'.repeat(100_000)}"/>
</Cases>
<Sources>
<TextSource guid="${g(0x61)}" name="Interview 1"><PlainTextContent>Some words here about trust.</PlainTextContent>
<PlainTextSelection guid="${g(0x81)}" startPosition="0" endPosition="4" creatingUser="${g(1)}"><Coding guid="${g(0x91)}" creatingUser="${g(1)}"><CodeRef targetGUID="${g(0x12)}"/></Coding></PlainTextSelection>
<PlainTextSelection guid="${g(0x82)}" startPosition="5" endPosition="10" creatingUser="${g(1)}"><Coding guid="${g(0x92)}" creatingUser="${g(1)}"><CodeRef targetGUID="${g(0x14)}"/></Coding></PlainTextSelection>
</TextSource>
<TextSource guid="${g(0x62)}" name="Bad&#9;source"><PlainTextContent>x</PlainTextContent></TextSource>
</Sources>
<Sets>
${set(g(0x71), 'Good set', goodRule)}
${set(g(0x72), 'Missing attribute', missingRule)}
${set(g(0x73), 'Not JSON', '{not json}')}
</Sets>
</Project>`;
}

/** What the import report must name: kind, name and reason of each bad row. */
export const HOSTILE_REFI_SKIPS: { kind: string; name: RegExp; reason: RegExp }[] = [
  { kind: 'code colour', name: /^Alpha$/, reason: /not a colour in the form #rrggbb/ },
  { kind: 'user', name: /^Tab�user$/, reason: /control characters/ },
  { kind: 'code', name: /^Line�break$/, reason: /control characters/ },
  { kind: 'code', name: /^Child$/, reason: /sits under a code that was skipped/ },
  { kind: 'coding', name: /^Interview 1$/, reason: /its code was skipped/ },
  { kind: 'code', name: /^x{80}…$/, reason: /longer than 200 characters/ },
  { kind: 'variable', name: /^Stage$/, reason: /choices is not a list/ },
  { kind: 'variable', name: /^Mode$/, reason: /a choice is empty/ },
  { kind: 'variable', name: /^Ring�bell$/, reason: /control characters/ },
  { kind: 'case', name: /^y{80}…$/, reason: /longer than 500 characters/ },
  { kind: 'source', name: /^Bad�source$/, reason: /control characters/ },
  { kind: 'set', name: /^Missing attribute$/, reason: /no attribute called Shoe size/ },
  { kind: 'set', name: /^Not JSON$/, reason: /rule is not readable/ },
];
