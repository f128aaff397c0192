// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { fakeLibraries } from '../fake-library';
import { RANKING_MODEL_KEY, readModel, writeModel } from '../../../lib/for-you/model-store';
import { scorer, trainModel, type Example } from '../../../lib/ranking/model';

const setup = fakeLibraries('papershelf-model-store-test');

const examples: Example[] = [
  ...['fast', 'dynamic', 'sparse', 'urban', 'large'].map((word): Example => ({ doc: { title: `${word} Gaussian splatting for novel view synthesis`, abstract: 'Radiance fields rendered with 3D Gaussians.' }, label: 1 })),
  ...Array.from({ length: 20 }, (_, n): Example => ({ doc: { title: `Dependency parsing of treebank ${n % 4} for low-resource languages`, abstract: 'A syntactic parser and its treebank.' }, label: -1 })),
];

describe('the stored model', () => {
  it('is read back as written, its neighbours included, and scores the same', async () => {
    const { db } = setup();
    const model = trainModel(examples);
    await writeModel(db, { signature: 's', model });
    const stored = await readModel(db);
    expect(stored?.model).toEqual(model);
    expect(stored!.model.near.judged.labels).toHaveLength(examples.length);
    const doc = { title: 'Sparse Gaussian splatting of faces' };
    expect(scorer(stored!.model).score(doc)).toBeCloseTo(scorer(model).score(doc), 9);
  });

  it('is not read (and so is rebuilt) when it is of the older format or its rows do not fit its words', async () => {
    const { db } = setup();
    const model = trainModel(examples);
    const { near, ...older } = model;
    await db.settings.put({ key: RANKING_MODEL_KEY, value: { signature: 's', model: { ...older, format: 1 } } });
    expect(await readModel(db)).toBeUndefined();
    const features = near.judged.features.slice();
    features[0] = model.terms.length;
    await writeModel(db, { signature: 's', model: { ...model, near: { ...near, judged: { ...near.judged, features } } } });
    expect(await readModel(db)).toBeUndefined();
    await writeModel(db, { signature: 's', model });
    expect(await readModel(db)).toBeDefined();
  });
});
