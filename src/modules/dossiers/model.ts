/** Types and pure rules of the dossier lifecycle (see model/). */
export * from './model/index';
