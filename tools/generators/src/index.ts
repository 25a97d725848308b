export { featureGenerator, featureNames, FEATURE_PATHS, type FeatureNames } from './feature/generator';
export type { FeatureGeneratorSchema } from './feature/schema';
