export * from './states';
export * from './actions';
export * from './machine';
export * from './timeliness';
export * from './clock';
export * from './lookup';
export * from './files';
export * from './next';
