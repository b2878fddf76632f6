export { createRegradeRequest, type NewRegradeRequest } from "./create-request";
export { resolveRegradeRequest, type RegradeResolution } from "./resolve-request";
export { countOpenRegradeRequests, listQueueFilterChoices, listRegradeQueue, type QueueEntry } from "./list-for-staff";
export { getRegradeRequestDetail, type RegradeRequestDetail } from "./get-request";
export { getOwnRegradeState, type OwnRegradeRequest, type OwnRegradeState } from "./list-for-student";
export * from "./rules";
