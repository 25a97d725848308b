/** The options of `nx g @pulse/tools:feature`; see schema.json. */
export interface FeatureGeneratorSchema {
  /** The feature in kebab-case: its message type, folder and file names. */
  name: string;
}
