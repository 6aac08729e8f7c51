// Package connectors holds the boundary vocabulary between the portal and the rest of
// cddh-sync: documents, attachments, reports, units, clerk actions and task records, in
// English, plus the error classes a connector returns. Connector implementations live
// in sub-packages (ioffice, edxml, portalsim) and translate the portal's Vietnamese wire
// fields to these types at the boundary.
package connectors
