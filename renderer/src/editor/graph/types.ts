/**
 * Node and edge shapes of the canvas projection. They are React Flow's own `Node`/`Edge` types with
 * typed `data`, so the projection feeds `<ReactFlow>` directly, yet stay pure data for tests.
 */
import type { Edge, Node } from '@xyflow/react';
import type { EntityRule, Json, LinkRule, LoopSpec, ValueNode } from '../../../../mappings/document/types';
import type { FieldNode, FieldTree } from '../../../../mappings/model/field-tree';
import type { Consumer, LoopScope } from './walk';
import type { DocPath } from '../store/commands';

/** One input slot of a value node as drawn: a handle, and its inline constant when not wired. */
export interface SlotView {
  slot: string;
  label: string;
  /** `wired`: an edge arrives; `const`: an inline constant; `empty`: a placeholder (null). */
  state: 'wired' | 'const' | 'empty';
  constValue?: Json;
}

export interface SourceNodeData extends Record<string, unknown> {
  kind: 'source';
  sourceId: string;
  title: string;
  format: string;
  /** Absolute record path prefix of this source's fields (`vehicles[]` for a join), '' for primary. */
  prefix: string;
  fields: FieldNode[];
  /** Absolute paths of fields read by some rule (drawn with a filled handle). */
  used: string[];
  /** Loop collection paths used by rules (drawn with a loop badge). */
  loops: string[];
  collapsed: boolean;
}

export interface TargetRow {
  /** Normalised path inside the entity (`names[].family`). */
  path: string;
  field?: FieldNode;
  /** Field rule ids writing this target. */
  rules: string[];
  /** A rule targets a path the model does not have. */
  unknown?: boolean;
}

export interface EntityNodeData extends Record<string, unknown> {
  kind: 'entity';
  rule: EntityRule | null;
  ruleId: string;
  entity: string;
  title: string;
  forEach?: LoopSpec;
  scope: LoopScope[];
  fields: FieldNode[];
  /** Mapped target paths (normalised) → field rule ids. */
  mapped: Record<string, string[]>;
  /** Rule targets the model lacks (shown as red rows). */
  unknownTargets: string[];
  hasWhen: boolean;
  keyCount: number;
  collapsed: boolean;
  /** Root node only: record filters (a failing filter rejects the record) and the record id. */
  filters?: { id: string; reason: string }[];
  hasRecordId?: boolean;
}

export interface LinkNodeData extends Record<string, unknown> {
  kind: 'link';
  rule: LinkRule;
  title: string;
}

export interface ValueNodeData extends Record<string, unknown> {
  kind: 'value';
  node: ValueNode;
  ruleId: string;
  path: DocPath;
  title: string;
  subtitle: string;
  slots: SlotView[];
  /** Not yet connected to any target: lives only in this session until wired. */
  draft?: boolean;
}

export type NodeData = SourceNodeData | EntityNodeData | LinkNodeData | ValueNodeData;
export type GraphNode = Node<NodeData>;

export interface EdgeData extends Record<string, unknown> {
  /** Where the value sits in the document, for edits (valid for the projected document). */
  path: DocPath;
  consumer: Consumer;
  ruleId: string;
  /** The value node the edge carries (a field reference or any node's output). */
  valueId: string;
  /** For field references: the absolute record path read. */
  sourcePath?: string;
  link?: 'from' | 'to';
}
export type GraphEdge = Edge<EdgeData>;

export interface Graph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

/** Looks up display info for functions (from the function library when it is loaded). */
export interface FunctionInfo {
  name: string;
  params: { name: string; optional?: boolean; type?: string }[];
  returns?: string;
  doc?: string;
}

export interface ProjectionOptions {
  functionInfo?: (name: string) => FunctionInfo | undefined;
  /** Session-only nodes not yet wired into the document. */
  drafts?: Record<string, { node: ValueNode; x: number; y: number }>;
  targetTree?: FieldTree;
}
