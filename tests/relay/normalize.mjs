// Normalizes real API responses into one relay-runtime store, in order, as a Relay app
// would while a user moves from page to page, and fails if Relay complains or if the store
// no longer gives back what a response said.
//
//   node normalize.mjs <schema.graphql> <steps.json>
//
// steps.json: [{"query": "...", "variables": {...}, "response": {"data": ...}}, ...]
//
// The Relay compiler is not used: for each document this script builds the same
// normalization (and reader) AST the compiler would emit for plain fields and inline
// fragments, with concrete types and plurality taken from the schema. Like the compiler,
// it adds `id` to every selection on a type that has one (that is how records are keyed)
// and `__typename` on abstract types; the documents must select those too, so the
// responses carry them. Exit code 0: no warnings and a consistent store; 1: otherwise.

import { readFileSync } from "node:fs";
import { isDeepStrictEqual } from "node:util";

import {
  Kind,
  buildSchema,
  getNamedType,
  getNullableType,
  isAbstractType,
  isListType,
  isObjectType,
  parse,
  valueFromASTUntyped,
} from "graphql";

// Relay logs its complaints (fbjs `warning`) through console.error; some go to warn.
const complaints = [];
for (const level of ["warn", "error"]) {
  console[level] = (...args) => complaints.push(`${level}: ${args.map(String).join(" ")}`);
}

const { Environment, Network, RecordSource, Store, createOperationDescriptor } = await import(
  "relay-runtime"
);

const [schemaPath, stepsPath] = process.argv.slice(2);
const schema = buildSchema(readFileSync(schemaPath, "utf8"));
const steps = JSON.parse(readFileSync(stepsPath, "utf8"));

function args(field) {
  if (!field.arguments?.length) return null;
  return field.arguments.map((a) =>
    a.value.kind === Kind.VARIABLE
      ? { kind: "Variable", name: a.name.value, variableName: a.value.name.value }
      : { kind: "Literal", name: a.name.value, value: valueFromASTUntyped(a.value) },
  );
}

function selections(parentType, selectionSet, inFragment = false) {
  const out = [];
  const names = new Set();
  for (const sel of selectionSet.selections) {
    if (sel.kind === Kind.INLINE_FRAGMENT) {
      const type = schema.getType(sel.typeCondition.name.value);
      out.push({
        kind: "InlineFragment",
        type: type.name,
        abstractKey: isAbstractType(type) ? `__is${type.name}` : null,
        selections: selections(type, sel.selectionSet, true),
      });
      continue;
    }
    if (sel.kind !== Kind.FIELD) throw new Error(`unsupported selection ${sel.kind}`);
    const name = sel.name.value;
    const alias = sel.alias?.value ?? null;
    names.add(alias ?? name);
    if (name === "__typename") {
      out.push({ kind: "ScalarField", alias, name, args: null, storageKey: null });
      continue;
    }
    const def = parentType.getFields()[name];
    if (!def) throw new Error(`${parentType.name} has no field ${name}`);
    const common = { alias, name, args: args(sel), storageKey: null };
    if (!sel.selectionSet) {
      out.push({ kind: "ScalarField", ...common });
      continue;
    }
    const type = getNamedType(def.type);
    out.push({
      kind: "LinkedField",
      ...common,
      concreteType: isObjectType(type) ? type.name : null,
      plural: isListType(getNullableType(def.type)),
      selections: selections(type, sel.selectionSet),
    });
  }
  const fields = parentType.getFields();
  // What the Relay compiler adds, so records are keyed as in a real app (on the field; an
  // inline fragment shares its field's record).
  for (const extra of inFragment ? [] : ["id", "__typename"]) {
    const wanted = extra === "id" ? "id" in fields : isAbstractType(parentType);
    if (wanted && !names.has(extra)) {
      throw new Error(`select ${extra} on ${parentType.name}: the Relay compiler would add it`);
    }
  }
  return out;
}

function request(document, index) {
  const op = parse(document).definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  const name = op.name?.value ?? `Step${index}Query`;
  const argumentDefinitions = (op.variableDefinitions ?? []).map((v) => ({
    kind: "LocalArgument",
    name: v.variable.name.value,
    defaultValue: v.defaultValue ? valueFromASTUntyped(v.defaultValue) : null,
  }));
  const sels = selections(schema.getQueryType(), op.selectionSet);
  return {
    kind: "Request",
    fragment: {
      kind: "Fragment",
      name,
      type: "Query",
      metadata: null,
      argumentDefinitions,
      selections: sels,
    },
    operation: { kind: "Operation", name, argumentDefinitions, selections: sels },
    params: {
      id: null,
      cacheID: `${name}:${index}`,
      metadata: {},
      name,
      operationKind: "query",
      text: document,
    },
  };
}

const environment = new Environment({
  network: Network.create(() => {
    throw new Error("no network: responses are committed directly");
  }),
  store: new Store(new RecordSource()),
});

const operations = steps.map((step, i) => {
  if (step.response.errors?.length) {
    throw new Error(`step ${i} has errors: ${JSON.stringify(step.response.errors)}`);
  }
  const operation = createOperationDescriptor(request(step.query, i), step.variables ?? {});
  environment.commitPayload(operation, step.response.data);
  return operation;
});

// After all responses are in, each must still read back as it came: a record that two
// objects of different types shared would now mix their fields or lose one's typename.
const mismatches = [];
operations.forEach((operation, i) => {
  const snapshot = environment.lookup(operation.fragment);
  if (snapshot.isMissingData || !isDeepStrictEqual(snapshot.data, steps[i].response.data)) {
    mismatches.push({ step: i, expected: steps[i].response.data, got: snapshot.data });
  }
});

const report = { complaints, mismatches };
process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
process.exit(complaints.length || mismatches.length ? 1 : 0);
