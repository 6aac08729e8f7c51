package portalsim

import (
	_ "embed"
	"encoding/json"
	"fmt"
)

// unitsJSON is a copy of shared/testdata/units-dong-thap.json, the project's own
// directory of Đồng Tháp units (codes invented; see that folder's README).
//
//go:embed data/units-dong-thap.json
var unitsJSON []byte

// Unit is one organisation of the directory, in the portal's shape.
type Unit struct {
	Code      string  `json:"maDinhDanh"`
	Name      string  `json:"ten"`
	ShortName string  `json:"tenVietTat"`
	Parent    *string `json:"maCha"`
	Kind      string  `json:"loai"`
}

// Unit kinds (loai) of the directory.
const (
	UnitOffice  = "van_phong"
	UnitDept    = "so"
	UnitOther   = "khac"
	UnitWard    = "ubnd_phuong"
	UnitCommune = "ubnd_xa"
)

// Codes of the two units every directive involves.
const (
	CodeProvince = "000.00.00.H20"
	CodeOffice   = "000.00.01.H20"
)

// unitRecord is a directory entry with the other spellings documents use; the
// aliases are the generator's, the portal serves only the Unit fields.
type unitRecord struct {
	Unit
	Aliases []string `json:"aliases"`
}

// directory is the parsed unit list with the groups the generator draws from.
type directory struct {
	all      []Unit
	byCode   map[string]unitRecord
	depts    []unitRecord // sở and provincial bodies that receive tasks
	wards    []unitRecord
	communes []unitRecord
}

func loadDirectory() (*directory, error) {
	var units []unitRecord
	if err := json.Unmarshal(unitsJSON, &units); err != nil {
		return nil, fmt.Errorf("portalsim: parse embedded data/units-dong-thap.json: %w", err)
	}
	d := &directory{byCode: make(map[string]unitRecord, len(units))}
	for _, u := range units {
		d.all = append(d.all, u.Unit)
		d.byCode[u.Code] = u
		switch u.Kind {
		case UnitDept:
			d.depts = append(d.depts, u)
		case UnitOther:
			if u.Code != CodeProvince {
				d.depts = append(d.depts, u)
			}
		case UnitWard:
			d.wards = append(d.wards, u)
		case UnitCommune:
			d.communes = append(d.communes, u)
		}
	}
	if len(d.depts) == 0 || len(d.wards) == 0 || len(d.communes) == 0 {
		return nil, fmt.Errorf("portalsim: data/units-dong-thap.json lacks departments, wards or communes")
	}
	return d, nil
}

// Units returns the unit directory the simulator serves.
func (s *Sim) Units() []Unit { return append([]Unit(nil), s.dir.all...) }
